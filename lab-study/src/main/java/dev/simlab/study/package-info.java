/**
 * Studies: many runs of one or several scenarios, proposed by a sampler, pruned on intermediate
 * evaluations, launched on local worker JVMs or a Slurm cluster, and summarised with honest
 * statistics. Subpackages: {@code stats} (aggregates and confidence intervals), {@code search}
 * (search spaces and samplers), {@code prune} (pruners).
 */
package dev.simlab.study;

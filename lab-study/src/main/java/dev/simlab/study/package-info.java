/**
 * Studies: many runs of one or several scenarios, proposed by a sampler, pruned on intermediate
 * evaluations, launched on local worker JVMs or a Slurm cluster, and summarised with honest
 * statistics ({@link dev.simlab.study.Report}: a study folder's {@code report/} with stats.csv, plots and a
 * static page). Subpackages: {@code stats} (aggregates and confidence intervals), {@code search}
 * (search spaces and samplers), {@code prune} (pruners).
 */
package dev.simlab.study;

/**
 * Honest comparisons across seeds: the aggregates of rliable (Agarwal et al., 2021, "Deep
 * Reinforcement Learning at the Edge of the Statistical Precipice", NeurIPS) with stratified
 * bootstrap confidence intervals.
 *
 * <p>Every statistic takes a score matrix {@code double[runs][tasks]}, as rliable does: one row
 * per run (seed), one column per task (environment or scenario; often a single column). Scores
 * are usually normalised first (for example 0 = random, 1 = reference) so that tasks are
 * comparable and the optimality gap's default threshold of 1 means something.
 *
 * <ul>
 *   <li>{@link dev.simlab.study.stats.Aggregates}: mean, median, interquartile mean, optimality gap.
 *   <li>{@link dev.simlab.study.stats.StratifiedBootstrap}: percentile confidence intervals for any
 *       aggregate, resampling runs within each task.
 *   <li>{@link dev.simlab.study.stats.ProbabilityOfImprovement}: how likely a run of X beats a run of Y.
 *   <li>{@link dev.simlab.study.stats.PerformanceProfile}: the fraction of runs scoring above each
 *       threshold, with confidence bands.
 * </ul>
 */
package dev.simlab.study.stats;

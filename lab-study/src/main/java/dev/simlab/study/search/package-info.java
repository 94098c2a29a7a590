/**
 * Search spaces and samplers for {@code simlab study}: a {@link dev.simlab.study.search.SearchSpace}
 * parsed from a study file's {@code search.space}, and the {@link dev.simlab.study.search.Sampler}s
 * that propose trials from it (grid, random, TPE). Every proposal is a pure function of the study
 * seed, the trial number and the history it is given, so a study replays the same way whatever the
 * number of workers or the order in which their results arrive.
 */
package dev.simlab.study.search;

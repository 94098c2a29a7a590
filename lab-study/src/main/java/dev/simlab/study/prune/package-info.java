/**
 * Pruners for {@code simlab study}: whether a running trial should stop early, judged on its
 * intermediate values (a run's evaluation points, index 0, 1, 2, ...) against the other trials'.
 * Pruners keep no state: a decision is a function of its arguments, so it is the same whichever
 * worker or coordinator asks.
 */
package dev.simlab.study.prune;

package dev.simlab.core.scene;

/**
 * What an agent believes about each Discrete state, for overlays: the value of the state
 * (max over actions of Q), its greedy action, and how often it was visited. Arrays are indexed
 * by state; {@code visits} may be null.
 */
public record StateValues(double[] values, int[] greedyActions, long[] visits) {}

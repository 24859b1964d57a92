/**
 * What runs on the Docker hosts, as the applier observed it: the planner's second input. Plain
 * values with no Docker types, so the planner stays pure and tests can build states by hand.
 */
package dev.berth.planner.observed;

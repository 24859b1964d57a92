/**
 * What must change per service (Nomad's reconciler): which observed tasks stay, stop or are left alone, and how many start.
 */
package dev.berth.planner.reconcile;

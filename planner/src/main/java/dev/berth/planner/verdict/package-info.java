/**
 * One verdict per task (running, stopped, unhealthy, edited, lost), read by the planner, drift and
 * status alike.
 */
package dev.berth.planner.verdict;

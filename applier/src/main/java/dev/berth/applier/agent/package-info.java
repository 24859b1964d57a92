/**
 * The service scheduler ({@code berth agent}): a long-running loop per stack that enforces what the
 * last apply recorded on the hosts, through the same apply use case as the commands. It leads a
 * stack under a lease of its own, wakes on the engines' events and on a timer, replaces failed
 * and lost tasks, and backs off a service that keeps failing.
 */
package dev.berth.applier.agent;

/**
 * The load balancer containers berth runs for a stack.
 */
package dev.berth.planner.loadbalancer;

/**
 * The batches of a deployment under minimumHealthyPercent and maximumPercent, as ECS takes them.
 */
package dev.berth.planner.rollout;

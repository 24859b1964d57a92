/**
 * Going back to an earlier revision of a service, planned like any other change.
 */
package dev.berth.planner.rollback;

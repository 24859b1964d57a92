/**
 * Task definition revisions: which number each family's desired definition gets, and the revision each service runs.
 */
package dev.berth.planner.revision;

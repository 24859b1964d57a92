/**
 * Plans saved to a file and applied later, only if still fresh.
 */
package dev.berth.planner.planfile;

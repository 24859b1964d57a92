/** Auto scaling as the plan sees it: the desiredCount the scaler owns. */
package dev.berth.planner.scaling;

/**
 * Presents plans and drift reports: text for terminals, JSON for tools, markdown for pull-request
 * comments and GitHub workflow commands for annotations. Renderers only read
 * {@link dev.berth.planner.plan.Plan} and {@link dev.berth.planner.drift.DriftReport} values; every
 * decision about what changed was made before. Output is byte-identical for equal inputs, lines end
 * with {@code \n}, and a sensitive attribute is only ever shown as {@code (sensitive)}.
 */
package dev.berth.cli.render;

/**
 * The plan: a closed vocabulary of actions on addresses, each with attribute-level before/after
 * and human reasons. Renderers live apart from the diff (in the CLI) and read only these values.
 */
package dev.berth.planner.plan;

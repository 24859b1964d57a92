/**
 * {@code berth agent --install}: the agent as containers on the stack's own hosts, from an image
 * made of the berth package that installs it (its jlink runtime and jar) and loaded without a
 * registry, so the hosts need nothing else.
 */
package dev.berth.applier.agent.install;

/**
 * Progress of an apply as it happens: a live view on a terminal, one timestamped line per event
 * for CI logs, or JSON lines for tools. All three read only {@code ApplyEvent}s.
 */
package dev.berth.cli.progress;

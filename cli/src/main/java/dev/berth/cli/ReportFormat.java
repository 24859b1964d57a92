package dev.berth.cli;

/** The values of {@code --format} for the reports that come as text or JSON only: status and history. */
enum ReportFormat { text, json }

/**
 * The Docker networks of clusters and namespaces.
 */
package dev.berth.planner.network;

package dev.berth.planner.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What apply needs to carry out a change, decided by the planner so the executor never derives it
 * again: one kind per address kind. A saved plan holds these, so it replays exactly.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServiceDetail.class, name = "service"),
        @JsonSubTypes.Type(value = NetworkDetail.class, name = "network"),
        @JsonSubTypes.Type(value = RevisionDetail.class, name = "revision"),
        @JsonSubTypes.Type(value = LoadBalancerDetail.class, name = "loadBalancer")})
public sealed interface ChangeDetail permits ServiceDetail, NetworkDetail, RevisionDetail, LoadBalancerDetail {
}

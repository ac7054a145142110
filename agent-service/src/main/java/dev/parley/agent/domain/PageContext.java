package dev.parley.agent.domain;

import java.util.List;
import java.util.Map;

/** The page a chat is on (ARCHITECTURE.md): its resource, facts and the actions it allows. */
public record PageContext(String resourceType, String resourceId, String pageKey, Map<String, Object> facts,
        String contextVersion, List<String> allowedActions) {}

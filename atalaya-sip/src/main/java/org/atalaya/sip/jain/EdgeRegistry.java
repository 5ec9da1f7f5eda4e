package org.atalaya.sip.jain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * How a {@link ScreenValve}, which the stack builds by class name, finds the edge it screens for:
 * by the stack's name, registered before the stack is created.
 */
final class EdgeRegistry {
  /** What the valve needs of its edge: whether a source address is blocked (it then answers nothing). */
  record Edge(Predicate<String> blocked) {}

  private static final Map<String, Edge> EDGES = new ConcurrentHashMap<>();

  private EdgeRegistry() {}

  static void register(String stackName, Edge edge) {
    EDGES.put(stackName, edge);
  }

  static Edge lookup(String stackName) {
    return EDGES.getOrDefault(stackName, new Edge(source -> false));
  }

  static void remove(String stackName) {
    EDGES.remove(stackName);
  }
}

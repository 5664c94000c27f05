package dev.ofg.policy.reload;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Describes one reload attempt as operators see it: when, why, whether the new configuration was applied, what it
 * changed, what waits for a restart, or the problems it was refused for.
 *
 * @param trigger {@code admin} (POST /admin/reload) or {@code watch} (the file changed)
 * @param applied whether the new policy is now in force
 * @param problems why the configuration was refused (empty when applied)
 */
public record ReloadReport(Instant at, String trigger, boolean applied, ConfigChanges changes, List<String> problems,
    int clients) {

  public ReloadReport {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(changes, "changes");
    problems = List.copyOf(problems);
  }

  static ReloadReport applied(String trigger, ConfigChanges changes, int clients) {
    return new ReloadReport(Instant.now(), trigger, true, changes, List.of(), clients);
  }

  static ReloadReport refused(String trigger, List<String> problems) {
    return new ReloadReport(Instant.now(), trigger, false, new ConfigChanges(List.of(), List.of()), problems, -1);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("at", at.toString())
        .put("trigger", trigger)
        .put("outcome", applied ? "applied" : "refused");
    if (applied) {
      json.put("changed", new JsonArray(changes.applied()))
          .put("needsRestart", new JsonArray(changes.needsRestart()))
          .put("clients", clients);
    } else {
      json.put("problems", new JsonArray(problems));
    }
    return json;
  }
}

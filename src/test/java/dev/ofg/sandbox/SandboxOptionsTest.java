package dev.ofg.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

  @Test
  void defaultsToOdoo19OnPort8069WithTwoUsersAndRandomSecrets() {
    SandboxOptions a = SandboxOptions.defaults();
    SandboxOptions b = SandboxOptions.defaults();
    assertThat(a.port()).isEqualTo(8069);
    assertThat(a.host()).isEqualTo("127.0.0.1");
    assertThat(a.database()).isEqualTo("demo");
    assertThat(a.serverVersion()).isEqualTo("19.0");
    assertThat(a.user("admin").uid()).isEqualTo(2);
    assertThat(a.user("gateway").companyIds()).containsExactly(1L);
    assertThat(a.user("admin").password()).isNotEqualTo(b.user("admin").password());
  }

  @Test
  void rejectsInvalidValuesNamingTheExpectation() {
    SandboxOptions d = SandboxOptions.defaults();
    assertThatThrownBy(() -> d.withPort(70000)).hasMessage("port: 70000 (expected: 0..65535)");
    assertThatThrownBy(() -> d.withServerVersion("16.0"))
        .hasMessage("serverVersion: 16.0 (expected: one of [17.0, 18.0, 19.0])");
    assertThatThrownBy(() -> d.withDatabase(" ")).hasMessage("database:   (expected: non-blank)");
    assertThatThrownBy(() -> d.withUsers(List.of(d.user("admin"), d.user("admin"))))
        .hasMessage("users: uid 2 appears twice (expected: unique uids)");
  }

  @Test
  void userToStringHidesSecrets() {
    SandboxUser user = SandboxOptions.defaults().user("gateway");
    assertThat(user.toString()).doesNotContain(user.password()).doesNotContain(user.apiKey()).contains("password=***");
  }

  @Test
  void userValidationNamesTheExpectation() {
    assertThatThrownBy(() -> SandboxUser.admin(0, "a", "p", "k", List.of(1L))).hasMessage("uid: 0 (expected: > 0)");
    assertThatThrownBy(() -> SandboxUser.admin(3, "a", "p", "k", List.of()))
        .hasMessage("companyIds: [] (expected: at least one company id)");
  }
}

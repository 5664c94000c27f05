package dev.ofg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxCredentialsTest {
  private static final Map<String, String> SECRETS = Map.of("DEMO_ODOO_PASSWORD", "pw-1",
      "DEMO_TREASURY_SECRET", "whsec_c2VjcmV0");

  @TempDir
  Path temp;

  @Test
  void writesAnOwnerOnlyFileInAnOwnerOnlyDirectoryAndReadsItBack() throws IOException {
    Path directory = temp.resolve("credentials");
    Path file = SandboxCredentials.write(directory, 18069, SECRETS);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SandboxCredentials.read(directory, 18069)).isEqualTo(SECRETS);
    SandboxCredentials.delete(directory, 18069);
    assertThat(file).doesNotExist();
  }

  @Test
  void refusesAFileOthersCanRead() throws IOException {
    Path directory = temp.resolve("credentials");
    Path file = SandboxCredentials.write(directory, 18070, SECRETS);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> SandboxCredentials.read(directory, 18070))
        .hasMessageContaining("accessible to group or others");
  }

  @Test
  void refusesADirectoryOthersCanEnter() throws IOException {
    Path directory = temp.resolve("credentials");
    SandboxCredentials.write(directory, 18071, SECRETS);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThatThrownBy(() -> SandboxCredentials.read(directory, 18071))
        .hasMessageContaining("accessible to group or others");
    assertThatThrownBy(() -> SandboxCredentials.write(directory, 18072, SECRETS))
        .hasMessageContaining("accessible to group or others");
  }

  @Test
  void refusesAFileWrittenForAnotherPortAndExplainsAMissingOne() throws IOException {
    Path directory = temp.resolve("credentials");
    Path file = SandboxCredentials.write(directory, 18073, SECRETS);
    Files.move(file, SandboxCredentials.file(directory, 18074));

    assertThatThrownBy(() -> SandboxCredentials.read(directory, 18074)).hasMessageContaining("is for port 18073");
    assertThatThrownBy(() -> SandboxCredentials.read(directory, 18075))
        .hasMessageContaining("no credentials file").hasMessageContaining("DEMO_ODOO_PASSWORD");
  }
}

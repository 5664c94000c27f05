package dev.ofg.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hands the generated credentials of a standalone sandbox ({@code sandbox} command) to a {@code demo} started later on
 * the same machine, so the demo can log in to it and sign for its sinks without anyone copying secrets around.
 *
 * <p>The file is {@code <dir>/sandbox-<port>.json}, where {@code <dir>} is {@code $OFG_SANDBOX_CREDENTIALS_DIR} or
 * {@code <java.io.tmpdir>/ofg-sandbox-<user>}. The directory is created with mode 0700 and the file with mode 0600
 * (written under a temporary name, then moved into place); a reader refuses a directory or file that another user
 * owns or that group or others may access, and a file naming another port. The sandbox deletes it when it stops.
 * Only POSIX file systems are supported; elsewhere set the {@code DEMO_*} variables by hand.
 */
public final class SandboxCredentials {
  public static final String DIRECTORY_ENV = "OFG_SANDBOX_CREDENTIALS_DIR";
  /** The secrets a standalone sandbox shares: its service password and the treasury sink's signing secret. */
  public static final List<String> NAMES = List.of("DEMO_ODOO_PASSWORD", "DEMO_TREASURY_SECRET");
  private static final long MAX_BYTES = 64 * 1024;
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

  private SandboxCredentials() {
  }

  /** Returns the directory credentials files live in for this user. */
  public static Path directory(Map<String, String> env) {
    String configured = env.get(DIRECTORY_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("java.io.tmpdir"), "ofg-sandbox-" + System.getProperty("user.name"));
  }

  public static Path file(Path directory, int port) {
    return directory.resolve("sandbox-" + port + ".json");
  }

  /** Writes the credentials of the sandbox listening on {@code port}; blocking. */
  public static Path write(Path directory, int port, Map<String, String> secrets) throws IOException {
    privateDirectory(directory);
    JsonObject json = new JsonObject().put("port", port).put("pid", ProcessHandle.current().pid());
    for (String name : NAMES) {
      json.put(name, secrets.get(name));
    }
    Path temporary = directory.resolve(".sandbox-" + port + "-" + ProcessHandle.current().pid() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    Files.writeString(temporary, json.encodePrettily(), StandardCharsets.UTF_8);
    Path target = file(directory, port);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * Reads the credentials of the sandbox listening on {@code port}; blocking.
   *
   * @throws IllegalStateException when the file is missing, unsafe or not for this port (the message says why)
   */
  public static Map<String, String> read(Path directory, int port) {
    Path path = file(directory, port);
    try {
      requirePrivate(directory, OWNER_ONLY_DIRECTORY);
      requirePrivate(path, OWNER_ONLY_FILE);
      if (Files.size(path) > MAX_BYTES) {
        throw new IllegalStateException(path + " is larger than " + MAX_BYTES + " bytes");
      }
      JsonObject json = new JsonObject(Files.readString(path, StandardCharsets.UTF_8));
      if (json.getInteger("port", -1) != port) {
        throw new IllegalStateException(path + " is for port " + json.getValue("port") + ", not " + port);
      }
      Map<String, String> secrets = new LinkedHashMap<>();
      for (String name : NAMES) {
        if (json.getValue(name) instanceof String value && !value.isBlank()) {
          secrets.put(name, value);
        }
      }
      return secrets;
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("no credentials file " + path + ": start the sandbox with the `sandbox` "
          + "command on this machine, or set " + String.join(" and ", NAMES) + " to the values it uses");
    } catch (IOException | DecodeException | ClassCastException e) {
      throw new IllegalStateException("cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Deletes the credentials file of a port, if this process wrote it. */
  public static void delete(Path directory, int port) {
    Path path = file(directory, port);
    try {
      if (Files.exists(path) && new JsonObject(Files.readString(path, StandardCharsets.UTF_8))
          .getLong("pid", -1L) == ProcessHandle.current().pid()) {
        Files.delete(path);
      }
    } catch (IOException | DecodeException e) {
      // a leftover file is harmless: the next sandbox on this port replaces it
    }
  }

  private static void privateDirectory(Path directory) throws IOException {
    try {
      Files.createDirectories(directory.getParent());
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
    } catch (FileAlreadyExistsException e) {
      // fall through to the checks: an existing directory must be ours and private
    }
    requirePrivate(directory, OWNER_ONLY_DIRECTORY);
  }

  /** Refuses a path that is a symbolic link, owned by another user, or open to group or others. */
  private static void requirePrivate(Path path, Set<PosixFilePermission> allowed) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      throw new IllegalStateException(path + " is not on a POSIX file system; set the DEMO_* variables instead");
    }
    PosixFileAttributes attributes = view.readAttributes();
    UserPrincipal me = path.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    if (attributes.isSymbolicLink() || !attributes.owner().equals(me)) {
      throw new IllegalStateException(path + " is not owned by " + me.getName() + " (or is a link); refusing it");
    }
    if (!allowed.containsAll(attributes.permissions())) {
      throw new IllegalStateException(path + " is accessible to group or others ("
          + PosixFilePermissions.toString(attributes.permissions()) + "); refusing it");
    }
  }
}

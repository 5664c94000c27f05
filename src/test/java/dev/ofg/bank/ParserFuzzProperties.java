package dev.ofg.bank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Feeds random bytes and mutated sample files (byte flips, truncations, duplicated blocks and
 * elements, spliced tags) into every parser: the only acceptable outcomes are a result whose ids
 * are unique, or a {@link BankStatementException}. Anything else (NPE, IndexOutOfBounds, a
 * Prowide or StAX exception leaking) fails the property.
 */
class ParserFuzzProperties {

  private static final List<byte[]> SEEDS = StatementFiles.ALL.stream().map(StatementFiles::load).toList();
  private static final BankStatementLimits LIMITS = new BankStatementLimits(1 << 20, 5_000, 48, 8_192);
  private static final List<BankStatementParser> PARSERS = List.of(new CamtParser(LIMITS), new Mt940Parser(LIMITS));
  private static final BankStatementReader READER =
      new BankStatementReader(new BankStatementReaderOptions(LIMITS, true));

  @Property(tries = 600)
  void randomBytesNeverEscapeAsAnotherException(@ForAll @Size(max = 2048) byte[] junk) {
    assertOnlyDocumentedOutcomes(junk);
  }

  @Property(tries = 600)
  void randomMtLikeTextNeverEscapesAsAnotherException(@ForAll("mtLikeText") String text) {
    assertOnlyDocumentedOutcomes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Provide
  Arbitrary<String> mtLikeText() {
    Arbitrary<String> tag = Arbitraries.of(":20:", ":25:", ":28C:", ":60F:", ":60M:", ":61:", ":86:", ":62F:", ":62M:",
        ":64:", ":65:", "{1:", "{4:", "-}", "\n", "//", "NONREF", "C", "D", "RC", "EUR", "240229", "0229", ",", "9");
    Arbitrary<String> noise = Arbitraries.strings().withChars(":{}/-,\n CDNR0123456789ABEURF").ofMaxLength(12);
    return Arbitraries.oneOf(tag, noise).list().ofMaxSize(60).map(parts -> ":20:" + String.join("", parts));
  }

  @Property(tries = 1000)
  void mutatedSampleFilesNeverEscapeAsAnotherException(@ForAll("seedIndex") int seed, @ForAll long randomSeed,
      @ForAll("mutationCount") int mutations) {
    Random random = new Random(randomSeed);
    byte[] content = SEEDS.get(seed);
    for (int i = 0; i < mutations; i++) {
      content = mutate(content, random);
    }
    assertOnlyDocumentedOutcomes(content);
  }

  @Provide
  Arbitrary<Integer> seedIndex() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  @Provide
  Arbitrary<Integer> mutationCount() {
    return Arbitraries.integers().between(1, 4);
  }

  private static byte[] mutate(byte[] content, Random random) {
    if (content.length == 0) {
      return content;
    }
    switch (random.nextInt(6)) {
      case 0:
        byte[] flipped = content.clone();
        flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
        return flipped;
      case 1:
        return Arrays.copyOf(content, random.nextInt(content.length));
      case 2:
        return duplicateSlice(content, random);
      case 3:
        return duplicateElement(content, random, Pattern.compile("(?s)<(Ntry|TxDtls|Bal|Stmt)>.*?</\\1>"));
      case 4:
        return duplicateElement(content, random, Pattern.compile("(?m)^:(61|86|62F|60F|20):.*\\n"));
      default:
        byte[] replaced = content.clone();
        replaced[random.nextInt(replaced.length)] = (byte) "<>&;:/\n{}-,0"
            .charAt(random.nextInt(12));
        return replaced;
    }
  }

  private static byte[] duplicateSlice(byte[] content, Random random) {
    int from = random.nextInt(content.length);
    int length = Math.min(content.length - from, 1 + random.nextInt(200));
    int at = random.nextInt(content.length + 1);
    byte[] result = new byte[content.length + length];
    System.arraycopy(content, 0, result, 0, at);
    System.arraycopy(content, from, result, at, length);
    System.arraycopy(content, at, result, at + length, content.length - at);
    return result;
  }

  private static byte[] duplicateElement(byte[] content, Random random, Pattern element) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    Matcher matcher = element.matcher(text);
    List<int[]> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(new int[] {matcher.start(), matcher.end()});
    }
    if (found.isEmpty()) {
      return content;
    }
    int[] pick = found.get(random.nextInt(found.size()));
    String copy = text.substring(pick[0], pick[1]);
    return (text.substring(0, pick[1]) + copy + text.substring(pick[1])).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void assertOnlyDocumentedOutcomes(byte[] content) {
    for (BankStatementParser parser : PARSERS) {
      outcome(() -> parser.parse(content));
    }
    outcome(() -> READER.read(content));
    outcome(() -> READER.read(content, BankStatementFormat.MT940));
    BankStatementFormat.detect(content);
  }

  private static void outcome(java.util.function.Supplier<List<BankStatement>> parse) {
    List<BankStatement> statements;
    try {
      statements = parse.get();
    } catch (BankStatementException expected) {
      assertThat(expected.code()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    List<String> ids = new ArrayList<>();
    for (BankStatement statement : statements) {
      statement.lines().forEach(line -> ids.add(line.importId()));
      assertThat(statement.toString()).isNotEmpty();
    }
    assertThat(ids).doesNotHaveDuplicates();
  }
}

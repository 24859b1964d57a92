package dev.berth.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.schema.source.SourcePosition;
import dev.berth.schema.variables.VariableInputs;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs made to hurt: each must end in one clear, positioned error (or a correct accept), never
 * an exception or a hang, within 2 s, in the 256 MiB of heap the tests and ./berth validate run
 * with (schema/pom.xml, the launcher). Large cases are generated here rather than kept as files.
 */
class HostileInputTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final String VALID_HEAD = "version: 1\nstack: shop\n";
    private static final String SERVICE = VALID_HEAD + "clusters: {main: {}}\ntaskDefinitions:\n  web:\n"
            + "    containerDefinitions: [{name: a, image: x}]\nservices:\n  web:\n    cluster: main\n"
            + "    taskDefinition: web\n";
    private static final String TAGGED = VALID_HEAD + "variables:\n  tag: {}\ntaskDefinitions:\n  web:\n"
            + "    containerDefinitions: [{name: a, image: \"x:${tag}\"}]\n";

    @TempDir
    Path dir;

    /** Loads once so that the time limits below measure berth, not class loading. */
    @BeforeAll
    static void warmUp(@TempDir Path warm) throws IOException {
        StackLoader.load(Files.writeString(warm.resolve("warm.yaml"), VALID_HEAD + "taskDefinitions:\n  web:\n"
                + "    containerDefinitions: [{name: a, image: x}]\n"), VariableInputs.none());
    }

    @Test
    void aMappingThatMergesItselfIsOneErrorNotAStackOverflow() throws IOException {
        assertOneErrorAt(write("self.yaml", VALID_HEAD + "x: &a {<<: *a}\n"), "3:4",
                "a merge key (<<) brings in the mapping it stands in");
    }

    @Test
    void aMergeKeyBombIsStoppedByWhatItExpandsTo() throws IOException {
        StringBuilder yaml = new StringBuilder(VALID_HEAD + "a0: &a0 {k0: v, k1: v, k2: v, k3: v}\n");
        for (int i = 1; i <= 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" {<<: [")
                    .append(String.join(", ", java.util.Collections.nCopies(8, "*a" + (i - 1)))).append("]}\n");
        }
        assertOneError(write("merges.yaml", yaml.toString()), "berth refuses alias bombs");
    }

    @Test
    void aBigScalarAliasedManyTimesIsStoppedByItsSize() throws IOException {
        String yaml = VALID_HEAD + "s: &s " + "x".repeat(1_000_000) + "\nl: [" + "*s, ".repeat(90) + "*s]\n";
        assertOneError(write("big-alias.yaml", yaml), "MiB of text in this file; berth refuses alias bombs");
    }

    @Test
    void aMillionDigitNumberIsRefusedBeforeItIsParsed() throws IOException {
        assertOneErrorAt(write("digits.yaml", VALID_HEAD + "n: " + "9".repeat(1_000_000) + "\n"), "3:4",
                "a number of 1000000 characters");
    }

    @Test
    void oneLineOfMillionsOfNodesIsRefusedAtTheNodeOverTheLimit() throws IOException {
        assertOneErrorAt(write("line.yaml", VALID_HEAD + "n: [" + "1,".repeat(4_750_000) + "1]\n"), "3:199991",
                "more than 100000 YAML nodes in one file");
    }

    @Test
    void aHundredThousandNotsInAMemberOfExpressionAreOneError() throws IOException {
        assertOneError(write("nots.yaml", SERVICE + "    placementConstraints: [{type: memberOf, expression: \""
                + "not ".repeat(100_000) + "attribute:zone exists\"}]\n"), "expression: must be at most 2000 characters");
        assertOneError(write("nots.yaml", SERVICE + "    placementConstraints: [{type: memberOf, expression: \""
                + "not ".repeat(40) + "attribute:zone exists\"}]\n"), "more than 32 levels deep");
    }

    @Test
    void aLongRegularExpressionThatDoesNotCompileIsEchoedCutShort() throws IOException {
        LoadedStack loaded = assertOneError(write("regex.yaml", SERVICE + "    placementConstraints: [{type: memberOf, "
                + "expression: \"attribute:zone =~ '" + "(".repeat(1900) + "a'\"}]\n"),
                "invalid regular expression \"((((");
        assertTrue(loaded.errors().getFirst().message().length() < 300, () -> loaded.errors().toString());
    }

    @Test
    void aHostnameOrTimezoneTooLongForTheRegexEngineIsTooLongAndNothingElse() throws IOException {
        assertOneError(write("host.yaml", VALID_HEAD + "taskDefinitions:\n  web:\n    containerDefinitions: "
                + "[{name: a, image: x, hostname: \"" + "a.".repeat(200_000) + "a\"}]\n"), "hostname: must be at most 253");
        assertOneError(write("tz.yaml", SERVICE + "    autoScaling:\n      minCapacity: 1\n      maxCapacity: 2\n"
                        + "      scheduled: [{name: a, schedule: \"rate(1 hour)\", timezone: \"" + "a/".repeat(100_000)
                        + "a\", minCapacity: 1}]\n"), "timezone: must be at most 64");
    }

    @Test
    void anIntegerBeyondThirtyTwoBitsIsAPositionedErrorNotAnInternalOne() throws IOException {
        assertOneErrorAt(write("count.yaml", SERVICE + "    desiredCount: 3000000000\n"), "11:19",
                "desiredCount: 3000000000 is out of range; the most this field takes is 2147483647");
    }

    @Test
    void aMemlockUlimitOfSixtyFourGibibytesIsAccepted() throws IOException {
        LoadedStack loaded = load(write("memlock.yaml", VALID_HEAD + "taskDefinitions:\n  web:\n    containerDefinitions: "
                + "[{name: a, image: x, ulimits: [{name: memlock, softLimit: 68719476736, hardLimit: -1}]}]\n"));
        assertTrue(loaded.valid(), () -> loaded.errors().toString());
        assertEquals(68719476736L, loaded.canonical().taskDefinitions().get("web").containerDefinitions().getFirst()
                .ulimits().getFirst().softLimit());
    }

    @Test
    void containerCpuSumsDoNotWrapRoundIntoATaskThatFits() throws IOException {
        assertOneError(write("cpu.yaml", VALID_HEAD + "taskDefinitions:\n  web:\n    cpu: 1024\n    containerDefinitions: "
                + "[{name: a, image: x, cpu: 1500000000}, {name: b, image: x, cpu: 1500000000}]\n"),
                "reserve 3000000000 cpu units in total, more than the task cpu 1024");
    }

    @Test
    void aRevisionBeyondThirtyTwoBitsIsRefused() throws IOException {
        assertOneErrorAt(write("revision.yaml", SERVICE.replace("taskDefinition: web", "taskDefinition: \"web:99999999999\"")),
                "10:21", "taskDefinition: \"web:99999999999\" is not valid");
    }

    @Test
    void fiveThousandMisspeltReferencesAreReportedQuicklyEachWithAShortList() throws IOException {
        StringBuilder yaml = new StringBuilder(VALID_HEAD + "clusters:\n");
        for (int i = 0; i < 5000; i++) {
            yaml.append(String.format("  c%04d: {}%n", i));
        }
        yaml.append("taskDefinitions:\n  web:\n    containerDefinitions: [{name: a, image: x}]\nservices:\n");
        for (int i = 0; i < 5000; i++) {
            yaml.append(String.format("  s%d: {cluster: x%04d, taskDefinition: web}%n", i, i));
        }
        LoadedStack loaded = load(write("misspelt.yaml", yaml.toString()));
        assertEquals(5000, loaded.errors().size());
        assertTrue(loaded.errors().getFirst().message().contains("c0009 and 4990 more. Did you mean \"c0000\"?"),
                () -> loaded.errors().getFirst().message());
        assertTrue(loaded.errors().stream().allMatch(d -> d.message().length() < 300));
    }

    @Test
    void aMegabyteKeyIsEchoedCutShort() throws IOException {
        LoadedStack loaded = assertOneErrorAt(write("key.yaml", VALID_HEAD + "? " + "k".repeat(1_000_000) + "\n: 1\n"),
                "3:3", "unknown field \"kkkk");
        assertTrue(loaded.errors().getFirst().message().length() < 300);
    }

    @Test
    void controlCharactersInAKeyCannotForgeADiagnosticOrAWorkflowCommand() throws IOException {
        LoadedStack loaded = assertOneErrorAt(write("esc.yaml", VALID_HEAD + "\"a\\e[31m\\n::warning file=x::forged\": 1\n"),
                "3:1", "unknown field \"a\\u001B[31m\\n::warning file=x::forged\"");
        assertFalse(loaded.errors().getFirst().toString().contains("\n"));
    }

    @Test
    void aNulCharacterIsReportedWhereItStands() throws IOException {
        assertOneErrorAt(write("nul.yaml", VALID_HEAD + "x: 1\ny: \"a\0b\"\n"), "4:6", "the character U+0000 is not allowed");
        assertOneErrorAt(write("fffe.yaml", VALID_HEAD + "x: 1\ny: a\uFFFEb\n"), "4:5", "the character U+FFFE is not allowed");
    }

    @Test
    void aNameEndingInALineBreakOrHoldingANoBreakSpaceIsNotValid() throws IOException {
        assertOneErrorAt(write("newline.yaml", "version: 1\nstack: \"hello\\n\"\n"), "2:8",
                "stack: \"hello\\n\" is not valid (it contains a line break at character 6)");
        assertOneErrorAt(write("nbsp.yaml", VALID_HEAD + "taskDefinitions:\n  web:\n    containerDefinitions: "
                        + "[{name: a, image: \"x\u00A0y\"}]\n"), "5:45",
                "(it contains the character U+00A0 at character 2): Image reference: repository[:tag] or "
                        + "repository@digest, e.g. nginx:1.27 or ghcr.io/acme/web@sha256:...");
    }

    @Test
    void aVarFileValueIsTextAsWritten() throws IOException {
        Path vars = write("vars.yaml", "tag: 1.10\n");
        LoadedStack loaded = StackLoader.load(write("stack.yaml", TAGGED), new VariableInputs(Map.of(), List.of(vars), Map.of()));
        assertTrue(loaded.valid(), () -> loaded.errors().toString());
        assertEquals("x:1.10", loaded.canonical().taskDefinitions().get("web").containerDefinitions().getFirst().image());
    }

    @Test
    void aVarFileThatIsAFifoOrADeviceIsRefusedWithoutReadingIt() throws IOException, InterruptedException {
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path vars : List.of(fifo, Path.of("/dev/zero"))) {
            Path stack = write("stack.yaml", TAGGED);
            LoadedStack loaded = within(() -> StackLoader.load(stack, new VariableInputs(Map.of(), List.of(vars), Map.of())));
            assertEquals(vars + ":1:1: error: not a regular file; berth reads YAML from files only",
                    loaded.errors().getFirst().toString());
        }
    }

    @Test
    void aDanglingSymbolicLinkInAStackDirectoryIsAnError() throws IOException {
        Path stack = Files.createDirectory(dir.resolve("stack"));
        Files.writeString(stack.resolve("a.yaml"), VALID_HEAD);
        Files.createSymbolicLink(stack.resolve("b.yaml"), dir.resolve("gone.yaml"));
        assertOneErrorAt(stack, "1:1", "a symbolic link to nothing");
    }

    @Test
    void aFileOverTenMebibytesIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (Writer out = Files.newBufferedWriter(big)) {
            out.write("version: 1\nstack: shop\nfiller:\n");
            for (int i = 0; i < 400_000; i++) {
                out.write("  - \"padding padding padding\"\n");
            }
        }
        assertOneError(big, "berth reads stack files of up to 10 MiB");
    }

    @Test
    void anExponentialAliasBombIsStoppedEarly() throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: shop\nl0: &l0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        assertOneError(write("bomb.yaml", yaml.toString()), "berth refuses alias bombs");
    }

    @Test
    void tooManyAliasesAreRefusedWhileParsing() throws IOException {
        StringBuilder yaml = new StringBuilder("version: 1\nstack: shop\nbase: &b [x]\nmany:\n");
        yaml.append("  - *b\n".repeat(500));
        assertOneError(write("aliases.yaml", yaml.toString()), "too many aliases");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        assertOneError(write("deep.yaml", "version: 1\nstack: shop\nx: " + "[".repeat(10_000) + "]".repeat(10_000)),
                "nesting deeper than 64 levels");
    }

    @Test
    void aDirectoryWithoutYamlSaysSo() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not yaml");
        assertOneError(dir, "directory has no *.yaml files");
    }

    @Test
    void aMissingPathSaysSo() {
        assertOneError(dir.resolve("nope.yaml"), "no such file or directory");
    }

    @Test
    void binaryGarbageIsAnEncodingError() throws IOException {
        Path garbage = dir.resolve("garbage.yaml");
        Files.write(garbage, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, 0, 1, 2});
        assertOneError(garbage, "invalid UTF-8");
    }

    private LoadedStack load(Path path) {
        return within(() -> StackLoader.load(path, VariableInputs.none()));
    }

    /**
     * Runs {@code load} with a hang guard on the wall clock and the 2 s limit on the thread's CPU
     * time, which other processes on a busy machine do not inflate.
     */
    private static LoadedStack within(java.util.concurrent.Callable<LoadedStack> load) {
        return assertTimeoutPreemptively(HANG, () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            LoadedStack loaded = load.call();
            Duration used = Duration.ofNanos(threads.getCurrentThreadCpuTime() - start);
            assertTrue(used.compareTo(LIMIT) < 0, "took " + used.toMillis() + " ms of CPU");
            return loaded;
        });
    }

    private LoadedStack assertOneError(Path path, String fragment) {
        LoadedStack loaded = load(path);
        assertFalse(loaded.valid());
        assertEquals(1, loaded.errors().size(), () -> loaded.errors().toString());
        assertTrue(loaded.errors().getFirst().message().contains(fragment), () -> loaded.errors().toString());
        return loaded;
    }

    private LoadedStack assertOneErrorAt(Path path, String lineColumn, String fragment) {
        LoadedStack loaded = assertOneError(path, fragment);
        SourcePosition at = loaded.errors().getFirst().position();
        assertEquals(lineColumn, at.line() + ":" + at.column(), () -> loaded.errors().toString());
        return loaded;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}

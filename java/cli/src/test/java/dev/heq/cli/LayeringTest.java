package dev.heq.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one layering rule table of HEQ, checked on the compiled main classes of every module (ArchUnit) and on the
 * module poms. A row is a Maven module: the packages it owns, the modules it may use (directly; nothing else, so no
 * upward and no sideways edge), and the third-party packages it may name. Rows are in layering order, bottom first;
 * a row may only name rows above it. A row whose directory does not exist yet (the engine, until its first class
 * lands) is skipped.
 *
 * <p>Besides the table: nothing below the protocol layer knows a {@code Channel} (the OT layer is the transport's
 * only user below protocol), only the SIMD module names {@code jdk.incubator.vector}, only the native module names
 * {@code java.lang.foreign} or JNA, and the HE-free packing math of the linear layers names no HE, ring or
 * transport type.
 */
class LayeringTest {

    /** A Maven module of the table: its directory, owned packages (ArchUnit syntax), allowed modules, third party. */
    record Module(String dir, List<String> packages, List<String> uses, List<String> thirdParty) {}

    static final List<Module> TABLE = List.of(
            new Module("java/kernels", List.of("dev.heq.kernel", "dev.heq.kernel.reference..", "dev.heq.kernel.scalar.."),
                    List.of(), List.of()),
            new Module("java/kernels-simd", List.of("dev.heq.kernel.simd.."), List.of("java/kernels"),
                    List.of("jdk.incubator.vector..")),
            new Module("java/kernels-native", List.of("dev.heq.kernel.ffi.."), List.of("java/kernels"),
                    List.of("com.sun.jna..")),
            new Module("java/primitives", List.of("dev.heq.primitives.."), List.of(), List.of()),
            new Module("java/he", List.of("dev.heq.ring..", "dev.heq.he.."), List.of("java/kernels", "java/primitives"), List.of()),
            new Module("java/quant", List.of("dev.heq.quant.."), List.of(), List.of()),
            new Module("java/net", List.of("dev.heq.net.."), List.of("java/primitives"), List.of()),
            new Module("java/ot", List.of("dev.heq.ot"), List.of("java/net", "java/primitives"), List.of("org.bouncycastle..")),
            new Module("java/silent-ot", List.of("dev.heq.ot.ferret.."), List.of("java/ot", "java/net", "java/primitives"), List.of()),
            new Module("java/nn", List.of("dev.heq.nn.."), List.of("java/quant"), List.of()),
            new Module("java/protocol", List.of("dev.heq.protocol.."),
                    List.of("java/kernels", "java/primitives", "java/he", "java/quant", "java/net", "java/ot"), List.of()),
            new Module("java/engine", List.of("dev.heq.engine.."),
                    List.of("java/kernels", "java/primitives", "java/he", "java/quant", "java/net", "java/ot", "java/nn",
                            "java/protocol"), List.of()),
            new Module("java/cli", List.of("dev.heq.cli.."),
                    List.of("java/kernels", "java/kernels-simd", "java/kernels-native", "java/primitives", "java/he", "java/quant",
                            "java/net", "java/ot", "java/silent-ot", "java/nn", "java/protocol", "java/engine"),
                    List.of("picocli..", "com.sun.management..")));

    /** Packages every module may use: the JDK's public API (incubator and foreign access are checked apart). */
    static final List<String> JDK = List.of("java..", "javax..");

    static Path root;
    static List<Module> present;
    static JavaClasses main;
    /** Module directory of each imported class, from where its class file was read. */
    static final Map<String, String> MODULE_OF = new HashMap<>();

    @BeforeAll
    static void importMainClasses() {
        root = findRoot();
        present = TABLE.stream().filter(m -> Files.isDirectory(root.resolve(m.dir()))).toList();
        List<Path> dirs = new ArrayList<>();
        for (Module m : present) {
            Path classes = root.resolve(m.dir()).resolve("target/classes");
            assertTrue(Files.isDirectory(classes), classes + " is missing: build the module before this test (mvn verify does)");
            dirs.add(classes);
        }
        main = new ClassFileImporter().importPaths(dirs);
        for (JavaClass c : main) {
            String uri = c.getSource().map(s -> s.getUri().toString()).orElse("");
            for (Module m : present) {
                if (uri.contains("/" + m.dir() + "/target/classes/")) {
                    MODULE_OF.put(c.getName(), m.dir());
                }
            }
        }
        assertTrue(main.size() > 200, "imported only " + main.size() + " classes from " + dirs);
    }

    static Path findRoot() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("java/kernels"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the repository root above " + System.getProperty("user.dir"));
    }

    static Module row(String dir) {
        return TABLE.stream().filter(m -> m.dir().equals(dir)).findFirst().orElseThrow(() -> new AssertionError("no row " + dir));
    }

    /** The table itself is one-way: each row names only rows above it. */
    @Test
    void tableIsOrderedBottomUp() {
        for (int i = 0; i < TABLE.size(); i++) {
            for (String u : TABLE.get(i).uses()) {
                int j = TABLE.indexOf(row(u));
                assertTrue(j < i, TABLE.get(i).dir() + " uses " + u + ", which is not below it in the table");
            }
        }
    }

    /** Package rule: a module's classes name only its own packages, those of the modules it may use, and the JDK. */
    @Test
    void packagesDependOnlyDownwards() {
        for (Module m : present) {
            List<String> allowed = new ArrayList<>(JDK);
            allowed.addAll(m.packages());
            allowed.addAll(m.thirdParty());
            for (String u : m.uses()) {
                allowed.addAll(row(u).packages());
            }
            classes().that().resideInAnyPackage(m.packages().toArray(String[]::new))
                    .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                    .because(m.dir() + " may use only " + m.uses() + " (LayeringTest.TABLE)")
                    .allowEmptyShould(true)
                    .check(main);
        }
    }

    /** Module rule: every dependency of a class lands in its own module or one it may use (by class-file location). */
    @Test
    void modulesDependOnlyDownwards() {
        classes().should(new ArchCondition<JavaClass>("depend only on classes of modules their module may use") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String from = MODULE_OF.get(c.getName());
                Set<String> ok = new LinkedHashSet<>(row(from).uses());
                ok.add(from);
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String to = MODULE_OF.get(d.getTargetClass().getName());
                    if (to != null && !ok.contains(to)) {
                        events.add(SimpleConditionEvent.violated(d, from + " → " + to + ": " + d.getDescription()));
                    }
                }
            }
        }).check(main);
    }

    /** Each class lives in a package its module owns (no package drifts into another module). */
    @Test
    void everyClassIsInItsModulesPackages() {
        List<String> wrong = new ArrayList<>();
        for (JavaClass c : main) {
            Module m = row(MODULE_OF.get(c.getName()));
            if (m.packages().stream().noneMatch(p -> PackageMatcher.of(p).matches(c.getPackageName()))) {
                wrong.add(c.getName() + " in " + m.dir());
            }
        }
        assertEquals(List.of(), wrong, "classes outside their module's packages");
    }

    /**
     * Inside a module, packages form layers too (ring below he, the protocol base below its nonlinear and linear
     * layers, the model core below training, ONNX and data): no cycle between any two packages of HEQ.
     */
    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.heq.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void nothingBelowProtocolKnowsAChannel() {
        noClasses().that().resideInAnyPackage("dev.heq.kernel..", "dev.heq.primitives..", "dev.heq.ring..", "dev.heq.he..",
                        "dev.heq.quant..", "dev.heq.nn..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.heq.net..", "dev.heq.ot..")
                .because("transport and OT are the protocol layer's; HE, quantization and models compute locally")
                .check(main);
    }

    @Test
    void onlyTheSimdModuleNamesTheVectorApi() {
        noClasses().that().resideOutsideOfPackage("dev.heq.kernel.simd..")
                .should().dependOnClassesThat().resideInAnyPackage("jdk.incubator.vector..")
                .because("the base modules must load without --add-modules jdk.incubator.vector")
                .check(main);
    }

    @Test
    void onlyTheNativeModuleNamesForeignAccessOrJna() {
        noClasses().that().resideOutsideOfPackage("dev.heq.kernel.ffi..")
                .should().dependOnClassesThat().resideInAnyPackage("java.lang.foreign..", "com.sun.jna..")
                .because("native access is the native tier's alone")
                .check(main);
    }

    /** HomConv/HomFC index math (tiling, encodings, slot packing, wire-size model) is testable without HE. */
    @Test
    void linearPackingMathHasNoHeTypes() {
        noClasses().that().resideInAPackage("dev.heq.protocol.linear.pack..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.heq.he..", "dev.heq.ring..", "dev.heq.net..",
                        "dev.heq.ot..", "dev.heq.kernel..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void nothingBelowTheCliParsesArguments() {
        noClasses().that().resideOutsideOfPackage("dev.heq.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .orShould().haveSimpleNameEndingWith("Command")
                .check(main);
    }

    private static final Pattern DEP = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.heq</groupId>\\s*<artifactId>heq-([a-z-]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    /**
     * The poms say the same as the table: compile-scope heq dependencies only on allowed modules; runtime scope only
     * on kernel tiers (found by ServiceLoader, no class named); test scope is free (oracles, other back ends).
     */
    @Test
    void pomsFollowTheTable() throws IOException {
        Map<String, String> dirOfArtifact = new HashMap<>();
        for (Module m : present) {
            dirOfArtifact.put(m.dir().substring("java/".length()), m.dir());
        }
        List<String> wrong = new ArrayList<>();
        for (Module m : present) {
            String pom = Files.readString(root.resolve(m.dir()).resolve("pom.xml"));
            Matcher d = DEP.matcher(pom);
            while (d.find()) {
                String target = dirOfArtifact.get(d.group(1));
                String scope = Optional.of(d.group(2)).map(s -> s.replaceAll("(?s).*<scope>(\\w+)</scope>.*", "$1"))
                        .filter(s -> !s.contains("<")).orElse("compile");
                if (target == null) {
                    wrong.add(m.dir() + " depends on heq-" + d.group(1) + ", which has no row");
                } else if (scope.equals("test")) {
                    continue;
                } else if (scope.equals("runtime") ? !target.startsWith("java/kernels") : !m.uses().contains(target)) {
                    wrong.add(m.dir() + " → " + target + " (" + scope + ")");
                }
            }
        }
        assertEquals(List.of(), wrong, "pom dependencies outside LayeringTest.TABLE");
        try (Stream<Path> s = Files.list(root.resolve("java"))) {
            List<String> unlisted = s.filter(Files::isDirectory).map(p -> "java/" + p.getFileName())
                    .filter(d -> present.stream().noneMatch(m -> m.dir().equals(d))).toList();
            assertEquals(List.of(), unlisted, "modules without a row in LayeringTest.TABLE");
        }
    }
}

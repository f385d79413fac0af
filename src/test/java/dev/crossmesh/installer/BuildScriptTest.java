package dev.crossmesh.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crossmesh.installer.JpackageOptions.Option;
import dev.crossmesh.installer.JpackageOptions.Os;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * installer/build.sh as its users run it: the jpackage command line it prints for every package type (checked against
 * the options jpackage takes on the package's OS, from jpackage's own help), its argument parsing, the versions it
 * refuses, and its refusals when a tool the type needs is missing, before anything is built. The Windows and macOS
 * packages cannot be built here; this is where a typo in their command lines is caught.
 */
@EnabledOnOs(OS.LINUX)
class BuildScriptTest {
    private static final Path SCRIPT = Path.of("installer", "build.sh").toAbsolutePath();
    private static final Map<String, Os> TYPES = Map.of("deb", Os.LINUX, "rpm", Os.LINUX, "app-image", Os.LINUX,
            "msi", Os.WINDOWS, "exe", Os.WINDOWS, "dmg", Os.MAC, "pkg", Os.MAC);
    private static final List<String> ONE_PER_OS = List.of("deb", "msi", "dmg");
    private static final Map<Os, String> ICON_SUFFIX = Map.of(Os.LINUX, ".png", Os.WINDOWS, ".ico", Os.MAC, ".icns");

    private static JpackageOptions jpackage;
    private static String pomVersion;
    private static String pomMainClass;
    private static String pomDescription;

    record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void readJpackageAndPom() throws Exception {
        jpackage = JpackageOptions.ofRunningJdk();
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml"))
                .getDocumentElement();
        pomVersion = child(project, "version");
        pomDescription = child(project, "description");
        pomMainClass = child((Element) project.getElementsByTagName("properties").item(0), "main.class");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deb", "rpm", "app-image", "msi", "exe", "dmg", "pkg"})
    void printsACommandLineJpackageTakesOnThePackagesOs(String type) throws Exception {
        Os os = TYPES.get(type);
        Map<String, List<String>> options = optionsOf(printOnly(Map.of(), type), os, type);

        assertEquals(List.of(type), options.get("--type"));
        assertEquals(List.of("crossmesh"), options.get("--name"));
        assertEquals(List.of(pomVersion), options.get("--app-version"), "every package carries pom.xml's version");
        assertEquals(List.of(pomDescription), options.get("--description"));
        assertEquals(List.of(pomMainClass), options.get("--main-class"));
        Class.forName(pomMainClass, false, getClass().getClassLoader());
        assertEquals(List.of("crossmesh.jar"), options.get("--main-jar"), "the jar pom.xml's finalName makes");
        String icon = options.get("--icon").get(0);
        assertTrue(icon.endsWith(ICON_SUFFIX.get(os)), type + " takes a " + ICON_SUFFIX.get(os) + " icon, not " + icon);
        for (String file : List.of("--icon", "--license-file", "--resource-dir")) {
            for (String path : options.getOrDefault(file, List.of())) {
                assertTrue(Files.exists(Path.of(path)), file + " " + path + " does not exist");
            }
        }
        assertEquals(type.equals("app-image"), !options.containsKey("--license-file"), "a licence for installers only");

        // the modules build.sh adds to what jdeps finds must exist, and jlink must take its options
        List<String> modules = Arrays.asList(options.get("--add-modules").get(0).split(","));
        assertTrue(modules.get(0).startsWith("<modules jdeps finds"), modules.get(0));
        for (String module : modules.subList(1, modules.size())) {
            assertTrue(ModuleFinder.ofSystem().find(module).isPresent(), "no module " + module + " in this JDK");
        }
        String jlinkHelp = toolHelp("jlink", "--help") + toolHelp("jlink", "--list-plugins");
        for (String jlinkOption : options.get("--jlink-options").get(0).split(" ")) {
            assertTrue(jlinkHelp.contains(jlinkOption), "jlink has no option " + jlinkOption);
        }

        switch (type) {
            case "msi", "exe" -> {
                String uuid = options.get("--win-upgrade-uuid").get(0);
                assertEquals(uuid, UUID.fromString(uuid).toString(), "the upgrade UUID");
                assertTrue(options.containsKey("--win-console"), "the CLI needs a console launcher on Windows");
            }
            case "dmg", "pkg" -> {
                assertTrue(options.get("--mac-package-identifier").get(0).matches("[A-Za-z0-9.-]+"),
                        "jpackage's help: the identifier may only use alphanumeric, hyphen and period characters");
                assertTrue(options.get("--mac-package-name").get(0).length() < 16,
                        "jpackage's help: the name must be less than 16 characters long");
                assertFalse(options.containsKey("--mac-sign"), "signed only when CROSSMESH_MAC_SIGN_NAME is set");
            }
            case "deb" -> assertTrue(options.containsKey("--linux-deb-maintainer"));
            case "rpm" -> assertEquals(List.of("Apache-2.0"), options.get("--linux-rpm-license-type"));
            default -> assertFalse(options.keySet().stream().anyMatch(o -> o.startsWith("--linux-")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dmg", "pkg"})
    void signsTheMacPackagesWithTheIdentityNamed(String type) throws Exception {
        String name = "Jane O'Doe (AB12CD34EF)";
        Map<String, List<String>> options = optionsOf(printOnly(Map.of("CROSSMESH_MAC_SIGN_NAME", name), type), Os.MAC, type);
        assertEquals(List.of(), options.get("--mac-sign"));
        assertEquals(List.of(name), options.get("--mac-signing-key-user-name"), "the name survives the shell quoting");

        Map<String, List<String>> deb = optionsOf(printOnly(Map.of("CROSSMESH_MAC_SIGN_NAME", name), "deb"), Os.LINUX, "deb");
        assertFalse(deb.containsKey("--mac-sign"));
    }

    @Test
    void buildsThisOsPackageWhenNoTypeIsGiven() throws Exception {
        Result result = run(Map.of(), SCRIPT.toString(), "--print-only");
        assertEquals(0, result.code(), result.err());
        assertEquals(List.of("deb"), optionsOf(result.out(), Os.LINUX, "deb").get("--type"));
    }

    @Test
    void theLauncherGetsEveryOptionOfTheJvmOptionsFile() throws Exception {
        List<String> expected = Files.readAllLines(Path.of("installer/jvm-options")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertTrue(expected.contains("-XX:+UseSerialGC"), "installer/jvm-options: " + expected);
        for (String type : List.of("deb", "rpm", "app-image", "msi", "dmg")) {
            Result result = run(Map.of(), SCRIPT.toString(), "--print-only", type);
            assertEquals(0, result.code(), result.err());
            List<String> options = optionsOf(result.out(), TYPES.get(type), type).get("--java-options");
            assertEquals(expected, options.subList(0, expected.size()), type);
            // the start-up archive that the Linux packages make on installation (installer/linux/cds-archive.sh)
            List<String> archive = type.equals("deb") || type.equals("rpm") ? List.of("-XX:SharedArchiveFile=$APPDIR/crossmesh.jsa", "-Xshare:auto") : List.of();
            assertEquals(archive, options.subList(expected.size(), options.size()), type);
        }
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Result result = run(Map.of(), SCRIPT.toString(), "--help");
        assertEquals(0, result.code());
        assertTrue(result.out().startsWith("usage: installer/build.sh [--print-only] [deb|rpm|app-image|msi|exe|dmg|pkg]"),
                result.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "zip|unknown package type 'zip': use deb, rpm, app-image, msi, exe, dmg or pkg",
        "--print-onyl dmg|unknown option '--print-onyl'",
        "deb rpm|one package type at a time (got 'deb' and 'rpm')",
        "-t deb|unknown option '-t'"})
    void refusesWrongArgumentsWithTheUsage(String args, String message) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "--print-only"));
        command.addAll(List.of(args.split(" ")));
        Result result = run(Map.of(), command.toArray(String[]::new));
        assertEquals(2, result.code(), result.err());
        assertEquals("", result.out());
        assertTrue(result.err().contains("installer/build.sh: " + message), result.err());
        assertFalse(result.err().contains("line "), "a shell error instead of a message: " + result.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.1.0|mac|starts with 0: macOS bundle versions must start with a number above 0",
        "1.2.3.4|windows|has more than 3 numbers: MSI product versions have at most 3",
        "1.0.0-SNAPSHOT|linux|is not numbers and dots (jpackage takes no qualifier such as -SNAPSHOT)",
        "256.0.0|windows|has a major number above 255",
        "1.256.0|windows|has a minor number above 255",
        "1.0.65536|windows|has a build number above 65535",
        "1..0|linux|is not numbers and dots"})
    void refusesAVersionSomePackageCannotCarryWhateverTypeIsBuilt(String version, String os, String problem,
            @TempDir Path project) throws Exception {
        Path script = projectWithVersion(project, version);
        // a package of each OS: the one built here may not be the one that cannot carry the version
        for (String type : ONE_PER_OS) {
            Result result = run(Map.of(), script.toString(), "--print-only", type);
            assertEquals(2, result.code(), type + ": " + result.out());
            assertTrue(result.err().contains("pom.xml's version " + version + " cannot go into the " + os + " packages: it "
                    + problem), type + ": " + result.err());
            assertTrue(result.err().contains("set pom.xml's <version> to numbers and dots"), result.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "2", "255.255.65535", "1.0.0"})
    void takesAVersionEveryPackageCanCarry(String version, @TempDir Path project) throws Exception {
        Path script = projectWithVersion(project, version);
        for (String type : ONE_PER_OS) {
            Result result = run(Map.of(), script.toString(), "--print-only", type);
            assertEquals(0, result.code(), type + ": " + result.err());
            assertEquals(List.of(version), optionsOf(result.out(), TYPES.get(type), type).get("--app-version"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "msi|the .msi needs WiX 3 (candle.exe and light.exe), which runs on Windows: install WiX 3.14 from"
            + " https://github.com/wixtoolset/wix3/releases and put its bin folder on the PATH (jpackage 17 does not use WiX 4+)",
        "exe|the .exe needs WiX 3 (candle.exe and light.exe), which runs on Windows: install WiX 3.14 from"
            + " https://github.com/wixtoolset/wix3/releases and put its bin folder on the PATH (jpackage 17 does not use WiX 4+)",
        "dmg|the .dmg needs hdiutil, which comes with macOS: build it on a Mac",
        "pkg|the .pkg needs pkgbuild and productbuild, which come with macOS: build it on a Mac",
        "rpm|the .rpm needs rpmbuild: sudo apt-get install rpm (Debian, Ubuntu) or sudo dnf install rpm-build",
        "deb|the .deb needs dpkg-deb and fakeroot: sudo apt-get install dpkg-dev fakeroot"})
    void refusesBeforeBuildingWhenATypesToolIsMissing(String type, String message, @TempDir Path bin) throws Exception {
        Result result = runWithOnly(bin, List.of("jpackage", "jdeps"), Map.of(), type);
        assertEquals(2, result.code(), result.out() + result.err());
        assertEquals("installer/build.sh: " + message, result.err().lines().findFirst().orElse(""));
    }

    @Test
    void refusesWithoutJpackage(@TempDir Path bin) throws Exception {
        Result result = runWithOnly(bin, List.of(), Map.of(), "deb");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("jpackage and jdeps come with the JDK (17 or newer): put its bin directory on the PATH"),
                result.err());
    }

    @Test
    void macSigningNeedsCodesignAndTheIdentityInTheKeychain(@TempDir Path bin) throws Exception {
        // hdiutil, codesign and security stand in for macOS's: only their presence and security's listing matter here
        fakeTool(bin, "hdiutil", "");
        Map<String, String> sign = Map.of("CROSSMESH_MAC_SIGN_NAME", "Jane Doe (AB12CD34EF)");
        Result noCodesign = runWithOnly(bin, List.of("jpackage", "jdeps", "grep"), sign, "dmg");
        assertEquals(2, noCodesign.code());
        assertTrue(noCodesign.err().contains("signing needs codesign and security (Xcode command line tools: xcode-select --install)"),
                noCodesign.err());

        fakeTool(bin, "codesign", "");
        fakeTool(bin, "security", "echo '  1) 0123ABCD \"Developer ID Application: Someone Else (ZZ99)\"'");
        Result otherIdentity = runWithOnly(bin, List.of("jpackage", "jdeps", "grep"), sign, "dmg");
        assertEquals(2, otherIdentity.code());
        assertTrue(otherIdentity.err().contains("no 'Developer ID Application: Jane Doe (AB12CD34EF)' identity in the keychain:"
                + " import the certificate or unset CROSSMESH_MAC_SIGN_NAME"), otherIdentity.err());
    }

    @Test
    void theReadmeNamesThePackagesOfPomsVersion() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("\n## Install\n");
        assertTrue(start >= 0, "README has an Install section");
        String install = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher files = Pattern.compile("crossmesh[-_]([0-9][0-9.]*[0-9])-1[._](amd64\\.deb|x86_64\\.rpm)").matcher(install);
        Set<String> seen = new HashSet<>();
        while (files.find()) {
            assertEquals(pomVersion, files.group(1), files.group());
            seen.add(files.group(2));
        }
        assertEquals(Set.of("amd64.deb", "x86_64.rpm"), seen, "the install table names the .deb and the .rpm");
        assertTrue(install.contains(pomVersion), "the Install section says which version the packages carry");
    }

    /** The printed command line split as bash splits it, checked option by option against jpackage on os. */
    private static Map<String, List<String>> optionsOf(String commandLine, Os os, String type) throws Exception {
        Result split = run(Map.of(), "bash", "-c", "eval \"set -- $1\" && printf '%s\\0' \"$@\"", "-", commandLine);
        assertEquals(0, split.code(), "bash cannot read the printed command line: " + split.err());
        List<String> words = Arrays.asList(split.out().split("\0"));
        assertEquals("jpackage", words.get(0));
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String name = words.get(i);
            Option option = jpackage.find(os, name);
            assertNotNull(option, "jpackage on " + os + " has no option " + name + " (in " + type + "'s command line)");
            assertFalse(type.equals("app-image") && option.installOnly(), name + " is for installers, not app-image");
            assertFalse(options.containsKey(name) && !option.repeatable(), name + " given twice; jpackage takes it once");
            List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
            if (option.takesValue()) {
                // a value may start with -- (--jlink-options' does), but is no jpackage option
                assertTrue(i + 1 < words.size() && jpackage.find(os, words.get(i + 1)) == null, name + " lacks its value");
                values.add(words.get(++i));
            }
        }
        return options;
    }

    private static String printOnly(Map<String, String> environment, String type) throws Exception {
        Result result = run(environment, SCRIPT.toString(), "--print-only", type);
        assertEquals(0, result.code(), type + ": " + result.err());
        assertEquals("", result.err());
        return result.out();
    }

    /** A project of build.sh and a pom.xml whose version is the given one; returns the script's path. */
    private static Path projectWithVersion(Path project, String version) throws IOException {
        Files.createDirectories(project.resolve("installer"));
        Path script = Files.copy(SCRIPT, project.resolve("installer/build.sh"));
        Files.copy(Path.of("installer/jvm-options"), project.resolve("installer/jvm-options"));
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        String changed = pom.replaceFirst("(?m)^  <version>[^<]*</version>", "  <version>" + version + "</version>");
        assertFalse(changed.equals(pom) && !version.equals(pomVersion), "pom.xml's <version> line moved");
        Files.writeString(project.resolve("pom.xml"), changed);
        return script;
    }

    /**
     * build.sh TYPE with a PATH of bin only: the commands build.sh needs to reach its checks, the tools named, and
     * what bin holds already. No Maven there, so nothing can get built.
     */
    private static Result runWithOnly(Path bin, List<String> tools, Map<String, String> environment, String type)
            throws Exception {
        List<String> commands = new ArrayList<>(List.of("bash", "dirname", "uname", "sed", "head"));
        commands.addAll(tools);
        for (String command : commands) {
            Path link = bin.resolve(command);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, onPath(command));
            }
        }
        Map<String, String> env = new HashMap<>(environment);
        env.put("PATH", bin.toString());
        return run(env, true, onPath("bash").toString(), SCRIPT.toString(), type);
    }

    private static void fakeTool(Path bin, String name, String body) throws IOException {
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!" + onPath("bash") + "\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path onPath(String command) {
        if (command.equals("jpackage") || command.equals("jdeps")) {
            return Path.of(System.getProperty("java.home"), "bin", command);
        }
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(command + " is not on the PATH");
    }

    private static Result run(Map<String, String> environment, String... command) throws Exception {
        return run(environment, false, command);
    }

    private static Result run(Map<String, String> environment, boolean clearEnvironment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (clearEnvironment) {
            builder.environment().clear();
        }
        builder.environment().remove("CROSSMESH_MAC_SIGN_NAME");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // build.sh writes little: reading stdout before stderr cannot fill stderr's pipe
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), out, err);
    }

    private static String toolHelp(String tool, String helpOption) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        ToolProvider.findFirst(tool).orElseThrow().run(print, print, helpOption);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        throw new AssertionError("pom.xml has no <" + name + "> under <" + parent.getTagName() + ">");
    }
}

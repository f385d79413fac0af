package dev.crossmesh.installer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options jpackage takes on each OS, read from jpackage's own help text in the running JDK. Every JDK carries the
 * help of all three OSes (the Linux JDK too), so the Windows and macOS command lines can be checked here.
 */
final class JpackageOptions {
    enum Os { LINUX, WINDOWS, MAC }

    /**
     * @param takesValue  the option is followed by a value
     * @param repeatable  the help says "This option can be used multiple times"
     * @param installOnly listed only for creating a package: jpackage 17 refuses such options with --type app-image
     *                    (stricter than jpackage for --resource-dir, which it takes there too)
     */
    record Option(String name, boolean takesValue, boolean repeatable, boolean installOnly) {
    }

    // the help shows no value for this one, but jpackage reads one (a comma-separated list of packages)
    private static final Set<String> VALUE_NOT_IN_HELP = Set.of("--linux-package-deps");
    private static final Pattern OPTION_LINE = Pattern.compile("^ {2}(--[a-z][a-z0-9-]*)(?: -[a-zA-Z])?(.*)$");
    private static final Pattern PLATFORM_KEY = Pattern.compile("MSG_Help_(linux|mac|win)_(install|launcher|app_image)");

    private final Map<Os, Map<String, Option>> byOs;

    private JpackageOptions(Map<Os, Map<String, Option>> byOs) {
        this.byOs = byOs;
    }

    /** The option as jpackage on that OS knows it, or null when jpackage there has no such option. */
    Option find(Os os, String name) {
        return byOs.get(os).get(name);
    }

    static JpackageOptions ofRunningJdk() throws IOException {
        Properties help = new Properties();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (InputStream in = Files.newInputStream(
                jrt.getPath("/modules/jdk.jpackage/jdk/jpackage/internal/resources/HelpResources.properties"))) {
            help.load(in);
        }
        Map<String, Option> generic = new HashMap<>();
        Map<Os, Map<String, Option>> platform = new HashMap<>();
        for (Os os : Os.values()) {
            platform.put(os, new HashMap<>());
        }
        String usage = help.getProperty("MSG_Help");
        if (usage == null) {
            throw new IllegalStateException("this JDK's jpackage help has no MSG_Help: its layout changed");
        }
        // jpackage fills the usage's {N} in: {4} with --install-dir's description (the next option's line starts
        // after it), the others with values or with the platform sections read below
        String installDir = help.getProperty("MSG_Help_default_install_dir", "\n");
        read(usage.replace("{4}", installDir).replaceAll("\\{\\d}", ""), false, generic);
        for (String key : help.stringPropertyNames()) {
            Matcher m = PLATFORM_KEY.matcher(key);
            if (m.matches()) {
                Os os = switch (m.group(1)) {
                    case "linux" -> Os.LINUX;
                    case "win" -> Os.WINDOWS;
                    default -> Os.MAC;
                };
                read(help.getProperty(key), m.group(2).equals("install"), platform.get(os));
            }
        }
        Map<Os, Map<String, Option>> byOs = new HashMap<>();
        for (Os os : Os.values()) {
            Map<String, Option> all = new HashMap<>(generic);
            all.putAll(platform.get(os));
            byOs.put(os, Map.copyOf(all));
        }
        if (byOs.get(Os.WINDOWS).get("--win-upgrade-uuid") == null || byOs.get(Os.MAC).get("--mac-sign") == null) {
            throw new IllegalStateException("this JDK's jpackage help lists no Windows or macOS options: its layout changed");
        }
        return new JpackageOptions(byOs);
    }

    /** Adds the options one help text lists; installSection: the whole text is about creating a package. */
    private static void read(String text, boolean installSection, Map<String, Option> into) {
        boolean install = installSection;
        Set<String> outsideInstall = new HashSet<>();
        String name = null;
        String rest = "";
        StringBuilder description = new StringBuilder();
        boolean nameInstall = false;
        for (String line : (text + "\n  --end-of-help").split("\n")) {
            Matcher m = OPTION_LINE.matcher(line);
            if (m.matches()) {
                if (name != null) {
                    put(into, name, rest, description.toString(), nameInstall, outsideInstall);
                }
                name = m.group(1);
                rest = m.group(2).trim();
                description.setLength(0);
                nameInstall = install;
                if (!install) {
                    outsideInstall.add(name);
                }
            } else if (line.startsWith("          ")) {
                description.append(line.trim()).append(' ');
            } else if (!line.isBlank()) {
                // a section heading ends the option before it
                if (name != null) {
                    put(into, name, rest, description.toString(), nameInstall, outsideInstall);
                    name = null;
                }
                if (!installSection) {
                    install = line.contains("Options for creating the application package");
                }
            }
        }
    }

    private static void put(Map<String, Option> into, String name, String rest, String description, boolean install,
            Set<String> outsideInstall) {
        if (name.equals("--end-of-help")) {
            return;
        }
        boolean takesValue = rest.contains("<") || VALUE_NOT_IN_HELP.contains(name);
        boolean repeatable = description.contains("can be used multiple times");
        Option earlier = into.get(name);
        // an option listed in two sections (--runtime-image) is install-only only if every listing is
        boolean installOnly = install && !outsideInstall.contains(name) && (earlier == null || earlier.installOnly());
        into.put(name, new Option(name, takesValue, repeatable || (earlier != null && earlier.repeatable()), installOnly));
    }
}

package dev.crossmesh.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** The command line. {@link #run} is what {@code main} calls and what tests call in-process. */
public final class Cli {
    private Cli() {
    }

    /** Without input: commands that ask (apply, uninstall) then need --yes. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, GuiOpener gui) {
        return run(args, null, out, err, gui);
    }

    /**
     * @param stdin the command's standard input, or null when there is none: apply and uninstall read their
     *              confirmation from it, {@code crossmesh demo --headless} stops when it ends
     */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err, GuiOpener gui) {
        dev.crossmesh.Logs.install();
        BufferedReader in = stdin == null ? null : new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        Terminal terminal = new Terminal(out, err, in);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    return type.getDeclaredConstructor(Terminal.class, InputStream.class).newInstance(terminal, stdin);
                } catch (NoSuchMethodException withoutInput) {
                    // most commands only write
                }
                try {
                    return type.getDeclaredConstructor(Terminal.class).newInstance(terminal);
                } catch (NoSuchMethodException e) {
                    if (type == LiveCommand.class) {
                        return type.cast(new LiveCommand(terminal, gui));
                    }
                    if (type == DemoCommand.class) {
                        return type.cast(new DemoCommand(terminal, gui, stdin));
                    }
                    return CommandLine.defaultFactory().create(type);
                }
            }
        };
        CommandLine cl = new CommandLine(new Root(), factory);
        for (Class<?> command : commandsFor(args)) {
            cl.addSubcommand(command.getAnnotation(Command.class).name(), new CommandLine(command, factory));
        }
        cl.setOut(out);
        cl.setErr(err);
        // a mistyped option gets its one line and where to read more, not the whole usage text
        cl.setParameterExceptionHandler((ex, arguments) -> {
            terminal.problem("crossmesh: " + plain(ex.getMessage()));
            terminal.problem("see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException cli) {
                terminal.problem("crossmesh: " + cli.getMessage());
                return cli.exitCode();
            }
            terminal.problem("crossmesh: unexpected error: " + ex + (System.getenv("CROSSMESH_DEBUG") == null
                    ? " (set CROSSMESH_DEBUG=1 for details, and please report it)" : ""));
            if (System.getenv("CROSSMESH_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(ValidateCommand.class, ExportCommand.class,
            ContextsCommand.class, PreflightCommand.class, DiffCommand.class, ApplyCommand.class, StatusCommand.class,
            VerifyCommand.class, UninstallCommand.class, LiveCommand.class, DemoCommand.class);

    /**
     * The command named on the line, or every command where none is (help, a mistyped name: picocli then lists them
     * or suggests one). picocli builds a command's model from its annotations when it is added, and building all eleven
     * was a fifth of a one-shot command's work ({@code crossmesh validate}, interpreted: 0.57 -> 0.45 s of CPU).
     */
    static java.util.List<Class<?>> commandsFor(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue; // the root has only flags (--help, --version)
            }
            for (Class<?> command : COMMANDS) {
                if (command.getAnnotation(Command.class).name().equals(arg)) {
                    return java.util.List.of(command);
                }
            }
            break;
        }
        return COMMANDS;
    }

    /** picocli's message without the Java exception it quotes: "'abc' is not a number", not a NumberFormatException. */
    static String plain(String message) {
        return message.replaceAll("cannot convert '(.*)' to BigDecimal.*", "'$1' is not a number")
                .replaceAll("'(.*)' is not an int", "'$1' is not a whole number")
                .replaceAll("Unmatched arguments? from index \\d+: '([^']*)'.*|Unmatched argument at index \\d+: '([^']*)'.*", "'$1$2' is not a command or option here")
                .replaceAll("\\s*\\((java|javax)\\.[\\w.$]+:.*\\)$", "");
    }

    @Command(name = "crossmesh", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
            description = {"Sets up an Istio / Anthos Service Mesh across Kubernetes clusters in different networks.",
                    "Run without a command to open the wizard."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done, no errors", "1:errors found (invalid plan, failed step, unhealthy mesh)",
                    "2:could not run (bad arguments, unreadable file)"})
    static final class Root implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new CliException(ExitCodes.USAGE, "no command given; see crossmesh --help");
        }
    }

    @Command(name = "live", description = "Open the live topology and gateway status of an applied plan, without the wizard.")
    static final class LiveCommand implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        PlanOption plan;

        @picocli.CommandLine.Mixin
        KubeconfigOption kubeconfig;

        private final Terminal terminal;
        private final GuiOpener gui;

        LiveCommand(Terminal terminal, GuiOpener gui) {
            this.terminal = terminal;
            this.gui = gui;
        }

        @Override
        public Integer call() {
            // the plan and its contexts are checked here, where the problems can be printed, before a window opens
            KubeconfigOption.requireContexts(plan.readValid(terminal).plan(), kubeconfig.kubeconfigs());
            return gui.open(new dev.crossmesh.GuiRequest(plan.file, true, kubeconfig.file));
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"crossmesh " + (v == null ? "development build" : v)};
        }
    }
}

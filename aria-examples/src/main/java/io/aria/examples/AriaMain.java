package io.aria.examples;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The examples jar's entry point: {@code java -jar aria-examples.jar <command>}.
 *
 * <p>Exit codes: 0 when the run ended normally; 2 for bad input (an unknown option, a value out of
 * its range, an unreadable or invalid risk file), with one line naming the option and the value;
 * 1 when the run could not go on (no terminal answered, an I/O failure), with one line saying
 * why; 128 + the signal's number (143 for SIGTERM, 130 for Ctrl-C) when stopped by a signal, after
 * the summary is printed and the audit is closed. No stack trace is printed; it is logged at DEBUG.
 */
@Command(name = "aria", mixinStandardHelpOptions = true, version = "ARIA 0.1.0-SNAPSHOT",
        description = "ARIA SDK examples: trading pipelines on the embedded defaults.",
        subcommands = {PaperTradingDemo.class, Mt5Command.class, BacktestCommand.class, ServeCommand.class,
                io.aria.examples.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class AriaMain implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AriaMain.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * @return the command line with every command, its one-line error handlers and exit codes
     */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AriaMain());
        cl.setExpandAtFiles(false); // "--data @x" means a folder named @x, not the contents of a file x
        cl.setSplitQuotedStrings(true); // a quote in --symbols is part of a (bad) name: no quote handling, no warning
        cl.setParameterExceptionHandler(AriaMain::badInput);
        cl.setExecutionExceptionHandler(AriaMain::failed);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Bad input: one line naming the option and the value, and the usage exit code (2). */
    private static int badInput(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage()) + " (see "
                + cl.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        LOG.debug("bad input", ex);
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A run that could not go on: one line saying why, exit code 1; the stack trace only at DEBUG. */
    private static int failed(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (ex instanceof CommandLine.ParameterException p) {
            return badInput(p, new String[0]);
        }
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(describe(ex)));
        err.flush();
        LOG.debug("{} failed", cl.getCommandSpec().qualifiedName(), ex);
        return cl.getCommandSpec().exitCodeOnExecutionException();
    }

    private static String describe(Throwable ex) {
        Throwable t = ex;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof io.aria.mt5.Mt5ConnectException) {
            return t.getMessage();
        }
        String m = t.getMessage();
        if (t instanceof java.util.concurrent.TimeoutException) {
            return "timed out" + (m == null ? "" : ": " + m);
        }
        return "error: " + (m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    /**
     * @param s any text
     * @return the text on one line: line breaks become spaces, other control characters are escaped
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString().strip();
    }
}

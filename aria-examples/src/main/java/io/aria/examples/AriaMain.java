package io.aria.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples jar's entry point: {@code java -jar aria-examples.jar <command>}. */
@Command(name = "aria", mixinStandardHelpOptions = true, version = "ARIA 0.1.0-SNAPSHOT",
        description = "ARIA SDK examples: trading pipelines on the embedded defaults.",
        subcommands = {PaperTradingDemo.class, Mt5Command.class, CommandLine.HelpCommand.class})
public final class AriaMain implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new AriaMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}

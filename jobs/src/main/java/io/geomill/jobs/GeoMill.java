package io.geomill.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code geomill} command: {@code geomill <job> [options]}. The entry point of the jar, for
 * {@code java -jar}, {@code bin/geomill} and {@code spark-submit --class io.geomill.jobs.GeoMill} alike.
 *
 * <p>Exit codes: 0 every item done; 1 some item failed (the others ran); 2 bad usage or inputs (nothing ran);
 * 3 the job itself could not run (e.g. the output folder is unusable); 130 cancelled (Ctrl-C).
 */
@Command(name = "geomill",
    mixinStandardHelpOptions = true,
    versionProvider = GeoMill.Version.class,
    description = "Geoprocessing at scale on Apache Spark: the same GIS task over many inputs, on all cores "
        + "of one machine (local[*]) or on a cluster (spark-submit).",
    subcommands = {InventoryJob.class, ProximityJob.class, TerrainJob.class, HydrologyJob.class,
        ReprojectJob.class, CalculateFieldsJob.class, ClassArchiveTraining.class, CommandLine.HelpCommand.class},
    footer = {"", "Run 'geomill <job> --help' for a job's options.",
        "Exit codes: 0 ok, 1 some items failed, 2 bad usage or inputs, 3 job could not run, 130 cancelled."})
public final class GeoMill implements Runnable {
  public static final int EXIT_ITEMS_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_JOB_FAILED = 3;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (no System.exit: usable from tests and notebooks). */
  public static int execute(String... args) {
    return new CommandLine(new GeoMill())
        .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
          commandLine.getErr().println("geomill " + commandLine.getCommandName() + ": " + error.getMessage());
          return EXIT_JOB_FAILED;
        })
        .execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a job: " + String.join(", ",
        spec.subcommands().entrySet().stream()
            .filter(job -> !job.getKey().equals("help") && !job.getValue().getCommandSpec().usageMessage().hidden())
            .map(Map.Entry::getKey).toList()));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = GeoMill.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"GeoMill " + properties.getProperty("version", "(unknown version)")
          + " (Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java "
          + System.getProperty("java.version") + ")"};
    }
  }
}

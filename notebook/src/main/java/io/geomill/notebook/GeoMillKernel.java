package io.geomill.notebook;

import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkContext;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * GeoMill's Jupyter kernel: Java cells run by JShell inside this JVM, which has GeoMill, Spark and Sedona on its
 * class path and Spark's JVM flags, so a cell can start a SparkSession and run batches with progress in the
 * notebook ({@link NotebookProgress}). The Jupyter protocol (ZeroMQ channels, messages, display data) is
 * {@code org.dflib.jjava:jjava-jupyter}'s; the cells are {@link JavaCells}; each runs on its own thread
 * ({@link CellRunner}) so that Jupyter's interrupt can stop it and its Spark jobs.
 *
 * <p>Started by the kernel spec's launcher with the connection file Jupyter wrote. Shutdown stops Spark and ends
 * the JVM; so does the death of the Jupyter process that started it, so that a killed notebook server or
 * nbconvert never leaves a kernel JVM behind.
 */
public final class GeoMillKernel extends BaseKernel {
  private static final Logger LOG = LogManager.getLogger(GeoMillKernel.class);

  private final CompletableFuture<JavaCells> cells;
  private final CellRunner runner;

  private GeoMillKernel(Builder builder, LanguageInfo language, List<String> classPath, PrintStream log) {
    super(builder.name(), builder.version(), language,
        List.of(),
        builder.historyManager(), builder.io(), builder.comms(), builder.renderer(), null, new MagicsRegistry(),
        false, builder.errorStyler());
    this.runner = new CellRunner(log, CellRunner.STOP_AFTER);
    // JShell reads the class path while Jupyter waits for the kernel to answer: start it off the protocol thread.
    this.cells = CompletableFuture.supplyAsync(() -> new JavaCells(classPath));
  }

  /**
   * Runs a cell. What it throws is thrown on as it is, checked or not: the protocol layer reports any exception
   * as the cell's error and names the error by the exception's class ("CompileError",
   * "BatchFailedException"...), which a wrapper would hide. Only evalRaw's signature forbids checked ones.
   */
  @Override
  public Object evalRaw(String code) {
    JavaCells session = cells.join();
    try {
      return runner.run(() -> session.eval(code));
    } catch (Exception e) {
      throw GeoMillKernel.<RuntimeException>rethrow(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  /**
   * The cell's error as the notebook shows it: a compile error with the cell line marked, an exception with
   * its stack trace from the cell's code up (the frames of JShell and this kernel below it are dropped).
   */
  @Override
  public List<String> formatError(Throwable e) {
    List<String> lines = new ArrayList<>();
    if (e instanceof CompileError compile) {
      compile.details().forEach(line -> lines.add(errorStyler.primary(line)));
      return lines;
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    trace.toString().lines().forEach(line -> lines.add(errorStyler.secondary(line)));
    return lines;
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    return null;
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<String> options = cells.join().complete(code, at, anchor);
    return options.isEmpty() ? null : new ReplacementOptions(options, anchor[0], at);
  }

  @Override
  public String isComplete(String code) {
    Completeness completeness = cells.join().completeness(code);
    if (completeness.isComplete() || completeness == Completeness.EMPTY) {
      return IS_COMPLETE_YES;
    }
    return completeness == Completeness.UNKNOWN ? IS_COMPLETE_BAD : "";
  }

  @Override
  public void interrupt() {
    runner.interrupt();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    runner.interrupt();
    stopSpark();
    cells.thenAccept(JavaCells::close);
    super.onShutdown(isRestarting);
  }

  private static void stopSpark() {
    SparkContext spark = CellRunner.activeSpark();
    if (spark != null) {
      spark.stop();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: GeoMillKernel CONNECTION_FILE   (started by Jupyter through the kernel spec)");
      System.exit(2);
    }
    // Logging writes to the kernel's own standard error (Jupyter's log), set up before cells redirect System.err.
    LOG.debug("starting with connection file {}", args[0]);
    PrintStream log = System.err;
    KernelConnectionProperties connection = KernelConnectionProperties.parse(
        Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
    JupyterConnection jupyter = new JupyterConnection(connection);
    List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    GeoMillKernel kernel = new Builder().build(classPath, log);
    kernel.onStartup();
    kernel.becomeHandlerForConnection(jupyter);
    jupyter.connect();
    exitWithParent(log);
    jupyter.waitUntilClose();
    stopSpark();
    System.exit(0);
  }

  /** Jupyter tells its kernels who started them (JPY_PARENT_PID); when that process is gone, so is this one. */
  private static void exitWithParent(PrintStream log) {
    String parentPid = System.getenv("JPY_PARENT_PID");
    ProcessHandle.of(parentPid == null ? ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L)
        : Long.parseLong(parentPid)).ifPresent(parent -> parent.onExit().thenRun(() -> {
          log.println("geomill kernel: Jupyter (process " + parent.pid() + ") is gone; exiting");
          System.exit(1);
        }));
  }

  /** jjava's builder, for the parts of the protocol layer this kernel takes as they are. */
  private static final class Builder extends BaseKernelBuilder<Builder, GeoMillKernel> {
    GeoMillKernel build(List<String> classPath, PrintStream log) {
      LanguageInfo java = new LanguageInfo.Builder("java").version(Runtime.version().toString())
          .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("text/x-java")
          .build();
      return new GeoMillKernel(this, java, classPath, log);
    }

    @Override
    public GeoMillKernel build() {
      throw new UnsupportedOperationException("use build(classPath, log)");
    }

    String name() {
      return "geomill";
    }

    String version() {
      return System.getProperty("geomill.version", "dev"); // set by the kernel spec's launcher
    }

    org.dflib.jjava.jupyter.kernel.history.HistoryManager historyManager() {
      return buildHistoryManager();
    }

    org.dflib.jjava.jupyter.kernel.JupyterIO io() {
      return buildJupyterIO(buildJupyterIOEncoding());
    }

    org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
      return buildCommManager();
    }

    org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
      return buildRenderer();
    }

    org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler() {
      return buildErrorStyler();
    }
  }
}

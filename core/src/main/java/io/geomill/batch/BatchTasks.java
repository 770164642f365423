package io.geomill.batch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The tasks of one batch's Spark jobs that are still running, from the scheduler's own events: a task's end is
 * posted once its thread has left the task (killed ones included), after its start.
 *
 * <p>Spark fails a cancelled job at once, while its interrupted tasks are still unwinding, and a task in the
 * middle of committing an item finishes that commit. They must be gone before the driver reads the commit
 * records, clears staging and writes the report. Spark's status tracker is no help there: it is updated at
 * most every 100 ms and after the event queue, so it can show no active task while one still commits.
 */
final class BatchTasks extends SparkListener {
  /** Spark's job-group property, which {@code SparkContext.setJobGroup} sets on the jobs. */
  private static final String JOB_GROUP = "spark.jobGroup.id";

  private final String jobGroup;
  private final Set<Integer> jobs = ConcurrentHashMap.newKeySet();
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final AtomicInteger submitted = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  BatchTasks(String jobGroup) {
    this.jobGroup = jobGroup;
  }

  /** Called before each job of the batch is submitted. */
  void submitting() {
    submitted.incrementAndGet();
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    if (job.properties() != null && jobGroup.equals(job.properties().getProperty(JOB_GROUP))) {
      jobs.add(job.jobId());
      CollectionConverters.asJava(job.stageIds()).forEach(stage -> stages.add((Integer) stage));
    }
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart task) {
    if (stages.contains(task.stageId())) {
      running.incrementAndGet();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    if (stages.contains(task.stageId())) {
      running.decrementAndGet();
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd job) {
    if (jobs.contains(job.jobId())) {
      ended.incrementAndGet();
    }
  }

  /**
   * Waits until every job submitted has ended in the event stream (so every task it started has been seen to
   * start) and every such task has ended; at most {@code timeoutSeconds}.
   */
  void awaitNoneRunning(long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while ((ended.get() < submitted.get() || running.get() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}

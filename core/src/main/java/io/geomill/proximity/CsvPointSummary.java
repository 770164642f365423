package io.geomill.proximity;

import io.geomill.vector.VectorReader.CsvLayout;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.sedona.common.Constructors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.catalyst.csv.UnivocityParser;
import org.apache.spark.sql.catalyst.util.BadRecordException;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.locationtech.jts.geom.Geometry;
import scala.Option;

/**
 * The broadcast summary's long layout for points in a CSV file with a coordinate pair, read from the file's
 * lines ({@link CsvSplits}) without Spark's CSV reader or a SQL plan: in one pass per partition, each row's two
 * coordinate fields are parsed, the point is made as {@code ST_Point} makes it and summarized by
 * {@link NearbyPolygons}, and its (point_id, type, count, sum) rows come out; point_id is the 0-based row
 * number. It gives the rows the SQL path gives, in the same order.
 *
 * <p>The coordinates are the numbers Spark's CSV reader would give (PERMISSIVE mode: null when a cell is empty
 * or not a number, and then the point is null, with no rows): a line without quote or escape characters whose
 * fields are as many as the header's, and whose two coordinate fields are plain decimals
 * ({@code -12.5}, {@code 3e-2}), is split here and the fields parsed with {@code Double.parseDouble}, which is
 * what Spark does with them; any other line (quotes, a missing or an extra field, NaN, Inf, spaces, text) is
 * parsed by Spark's own CSV parser ({@code UnivocityParser}, the reader's options).
 */
final class CsvPointSummary {
  private static final StructType LONG_LAYOUT = new StructType()
      .add(ProximitySummary.POINT_ID, DataTypes.LongType, false)
      .add(NearbyPolygons.TYPE, DataTypes.StringType, false)
      .add(NearbyPolygons.COUNT, DataTypes.LongType, false)
      .add(NearbyPolygons.SUM, DataTypes.DoubleType, false);

  private CsvPointSummary() {}

  /**
   * @param firstRow the number of each partition's first row ({@link CsvSplits#rowsPerPartition} summed)
   * @param nearby   the summary of one point, long layout
   */
  static SummaryRows longLayout(SparkSession spark, CsvSplits splits, long[] firstRow, CsvLayout csv,
      NearbyPolygons nearby) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf = context.broadcast(
        new SerializableConfiguration(context.hadoopConfiguration()));
    Coordinates coordinates = new Coordinates(csv, SQLConf.get().sessionLocalTimeZone(),
        SQLConf.get().columnNameOfCorruptRecord());
    LongAccumulator rowsMade = context.sc().longAccumulator("proximity rows");
    LongAccumulator pairs = context.sc().longAccumulator("proximity pairs");
    DoubleAccumulator weights = context.sc().doubleAccumulator("proximity weights");
    JavaRDD<InternalRow> rows = splits.rdd(context).mapPartitionsWithIndex((partition, parts) ->
        new PartitionRows(parts, firstRow[partition], conf.value().value(), coordinates, nearby, rowsMade, pairs,
            weights), true);
    // Spark's binary rows from the start: a table of Java Rows would be converted row by row (its encoder)
    return new SummaryRows(rows.rdd(), LONG_LAYOUT, rowsMade, pairs, weights);
  }

  /**
   * A partition's output rows, made as they are asked for (a partition's summary may not fit in memory), as
   * Spark's rows of {@code LONG_LAYOUT}.
   */
  private static final class PartitionRows implements Iterator<InternalRow> {
    private final Iterator<List<CsvSplits.Split>> parts;
    private final Configuration conf;
    private final Coordinates coordinates;
    private final NearbyPolygons nearby;
    private final UTF8String[] types;
    private final int[] textOrder;
    private final long[] counts;
    private final double[] sums;
    private final LongAccumulator rowsMade;
    private final LongAccumulator pairs;
    private final DoubleAccumulator weights;
    private Iterator<CsvSplits.Split> splits = Collections.emptyIterator();
    private Iterator<Text> lines = Collections.emptyIterator();
    /** The next of the current point's types, in text order, to look at. */
    private int next;
    private long id;

    PartitionRows(Iterator<List<CsvSplits.Split>> parts, long firstRow, Configuration conf, Coordinates coordinates,
        NearbyPolygons nearby, LongAccumulator rowsMade, LongAccumulator pairs, DoubleAccumulator weights) {
      this.parts = parts;
      this.id = firstRow - 1;
      this.conf = conf;
      this.coordinates = coordinates;
      this.nearby = nearby;
      this.types = nearby.types().stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
      this.textOrder = nearby.textOrder();
      this.counts = new long[types.length];
      this.sums = new double[types.length];
      this.next = textOrder.length;
      this.rowsMade = rowsMade;
      this.pairs = pairs;
      this.weights = weights;
    }

    @Override
    public boolean hasNext() {
      try {
        while (true) {
          for (; next < textOrder.length; next++) {
            if (counts[textOrder[next]] > 0) {
              return true;
            }
          }
          if (lines.hasNext()) {
            id++;
            Arrays.fill(counts, 0);
            Arrays.fill(sums, 0);
            nearby.add(coordinates.point(lines.next()), counts, sums);
            next = 0;
          } else if (splits.hasNext()) {
            lines = CsvSplits.lines(splits.next(), conf);
          } else if (parts.hasNext()) {
            splits = parts.next().iterator();
          } else {
            return false;
          }
        }
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int type = textOrder[next++];
      rowsMade.add(1);
      pairs.add(counts[type]);
      weights.add(sums[type]);
      return new GenericInternalRow(new Object[] {id, types[type], counts[type], sums[type]});
    }
  }

  /** The point of a CSV line, as {@code ST_Point(x, y)} on Spark's CSV reader's row makes it. */
  static final class Coordinates implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final GeometryUDT GEOMETRY = new GeometryUDT();
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final char delimiter;
    private final StructType schema;
    private final int x;
    private final int y;
    /**
     * The CSV reader's options, for the parser made where the lines are read (a plain HashMap, which either of
     * Spark's serializers writes).
     */
    private final HashMap<String, String> readerOptions;
    private final String timeZone;
    private final String corruptRecordColumn;
    private transient UnivocityParser spark;

    Coordinates(CsvLayout csv, String timeZone, String corruptRecordColumn) {
      this.delimiter = csv.delimiter();
      this.schema = csv.schema();
      this.x = schema.fieldIndex(csv.geometryColumns().get(0));
      this.y = schema.fieldIndex(csv.geometryColumns().get(1));
      this.readerOptions = new HashMap<>(csv.readerOptions());
      this.timeZone = timeZone;
      this.corruptRecordColumn = corruptRecordColumn;
    }

    /**
     * The point of a line (UTF-8, as the reader gives it), or null when a coordinate is missing or not a number.
     * The fast path works on the bytes: with an ASCII delimiter, quote and escape, a byte equal to one of them is
     * that character (every byte of a multi-byte UTF-8 character is above 0x7F).
     */
    Geometry point(Text line) {
      byte[] bytes = line.getBytes();
      int length = line.getLength();
      int fields = schema.length();
      int xStart = -1;
      int xEnd = -1;
      int yStart = -1;
      int yEnd = -1;
      boolean plain = delimiter < 0x80;
      int field = 0;
      int start = 0;
      for (int i = 0; plain && i <= length; i++) {
        byte b = i < length ? bytes[i] : (byte) delimiter;
        if (b == '"' || b == '\\') {
          plain = false;
        } else if (b == delimiter) {
          if (field == x) {
            xStart = start;
            xEnd = i;
          } else if (field == y) {
            yStart = start;
            yEnd = i;
          }
          field++;
          start = i + 1;
        }
      }
      if (plain && field == fields && isDecimal(bytes, xStart, xEnd) && isDecimal(bytes, yStart, yEnd)) {
        return point(parse(bytes, xStart, xEnd), parse(bytes, yStart, yEnd));
      }
      InternalRow row = parsedBySpark(new String(bytes, 0, length, StandardCharsets.UTF_8));
      return row.isNullAt(x) || row.isNullAt(y) ? null : point(row.getDouble(x), row.getDouble(y));
    }

    /** {@code ST_Point}'s point; one with a coordinate that is not finite as Sedona's serialization returns it. */
    private static Geometry point(double x, double y) {
      Geometry point = Constructors.point(x, y);
      return Double.isFinite(x) && Double.isFinite(y) ? point : GEOMETRY.deserialize(GEOMETRY.serialize(point));
    }

    /** The row Spark's CSV reader makes of a line in PERMISSIVE mode (a malformed line's partial row). */
    private InternalRow parsedBySpark(String line) {
      if (spark == null) {
        CSVOptions csvOptions = new CSVOptions(scala.collection.immutable.Map$.MODULE$.from(
            scala.jdk.javaapi.CollectionConverters.asScala(readerOptions)), true, timeZone, corruptRecordColumn);
        spark = new UnivocityParser(schema, schema, csvOptions);
      }
      try {
        Option<InternalRow> row = spark.parse().apply(line);
        return row.get();
      } catch (Exception e) {
        if (e instanceof BadRecordException bad && bad.partialResults().apply().length == 1) {
          return bad.partialResults().apply()[0];
        }
        throw e;
      }
    }

    /** [+-] digits [. digits] [e [+-] digits], or [+-] . digits [e ...]: a number as any parser reads it. */
    static boolean isDecimal(byte[] text, int start, int end) {
      if (start < 0) {
        return false;
      }
      int i = start;
      if (i < end && (text[i] == '+' || text[i] == '-')) {
        i++;
      }
      int digits = 0;
      for (; i < end && isDigit(text[i]); i++) {
        digits++;
      }
      if (i < end && text[i] == '.') {
        for (i++; i < end && isDigit(text[i]); i++) {
          digits++;
        }
      }
      if (digits == 0) {
        return false;
      }
      if (i < end && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        if (i < end && (text[i] == '+' || text[i] == '-')) {
          i++;
        }
        int exponent = 0;
        for (; i < end && isDigit(text[i]); i++) {
          exponent++;
        }
        if (exponent == 0) {
          return false;
        }
      }
      return i == end;
    }

    /**
     * {@code Double.parseDouble} of a plain decimal ({@link #isDecimal}). Up to 15 significant digits and a power
     * of ten within 22 either way, it is the digits as an integer times or divided by the power of ten: both
     * are exact doubles (below 2^53, and 10^22 is the largest exact power), so the one IEEE operation gives the
     * correctly rounded value, which is what parseDouble returns (Clinger's fast path, as parsers use it). Other
     * numbers go to parseDouble itself.
     */
    static double parse(byte[] text, int start, int end) {
      int i = start;
      boolean negative = text[i] == '-';
      if (text[i] == '+' || text[i] == '-') {
        i++;
      }
      long digits = 0;
      int significant = 0;
      int scale = 0;
      boolean fraction = false;
      for (; i < end && text[i] != 'e' && text[i] != 'E'; i++) {
        if (text[i] == '.') {
          fraction = true;
          continue;
        }
        if (significant > 0 || text[i] != '0') {
          significant++;
        }
        digits = 10 * digits + (text[i] - '0');
        if (fraction) {
          scale--;
        }
      }
      int exponent = 0;
      if (i < end) {
        i++;
        boolean negativeExponent = text[i] == '-';
        if (text[i] == '+' || text[i] == '-') {
          i++;
        }
        for (; i < end && exponent < 1000; i++) {
          exponent = 10 * exponent + (text[i] - '0');
        }
        exponent = negativeExponent ? -exponent : exponent;
      }
      int power = scale + exponent;
      if (significant > 15 || i < end || power < -22 || power > 22) {
        return Double.parseDouble(new String(text, start, end - start, StandardCharsets.ISO_8859_1));
      }
      double value = power < 0 ? digits / POWERS_OF_TEN[-power] : digits * POWERS_OF_TEN[power];
      return negative ? -value : value;
    }

    private static boolean isDigit(byte b) {
      return b >= '0' && b <= '9';
    }
  }
}

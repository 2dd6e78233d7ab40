package io.riffle.connectors.codec;

import io.riffle.connectors.source.SourceRecord;
import io.riffle.models.event.Labels;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Avazu click-through CSV (Kaggle 2014): a header row, then {@code id, click, hour, C1, banner_pos, site_id, …, C21}.
 * {@code hour} is YYMMDDHH in UTC and gives event time; {@code click} is the label (absent in the test file). Every
 * other column is categorical; {@code hour} also yields {@code hour_of_day} and {@code weekday} features, the two
 * parts of it that recur.
 */
public final class AvazuCodec implements CtrCodec {
    /** The published column layout of the training file. */
    public static final List<String> STANDARD_HEADER = List.of("id", "click", "hour", "C1", "banner_pos", "site_id",
            "site_domain", "site_category", "app_id", "app_domain", "app_category", "device_id", "device_ip",
            "device_model", "device_type", "device_conn_type", "C14", "C15", "C16", "C17", "C18", "C19", "C20",
            "C21");

    private final List<String> header;
    private final String headerLine;
    private final int idColumn;
    private final int clickColumn;
    private final int hourColumn;
    private final CsvSplitter splitter = new CsvSplitter(',');
    private final FeatureBuffer buffer = new FeatureBuffer();

    /** @param header the file's header row, or null for {@link #STANDARD_HEADER} */
    public AvazuCodec(List<String> header) {
        this.header = header == null ? STANDARD_HEADER : List.copyOf(header);
        this.headerLine = String.join(",", this.header);
        this.idColumn = this.header.indexOf("id");
        this.clickColumn = this.header.indexOf("click");
        this.hourColumn = this.header.indexOf("hour");
        if (idColumn < 0 || hourColumn < 0) {
            throw new IllegalArgumentException("an Avazu header needs 'id' and 'hour' columns; got " + this.header);
        }
    }

    @Override
    public CtrDecoded decode(SourceRecord record) {
        String text = record.text();
        if (text.isEmpty() || text.equals(headerLine)) {
            return CtrDecoded.SKIP;
        }
        List<String> cells = splitter.split(text);
        if (cells == null) {
            return CtrDecoded.failed("impression", "a quoted field is not closed");
        }
        if (cells.size() != header.size()) {
            return CtrDecoded.failed("impression", "expected " + header.size() + " comma-separated fields, got "
                    + cells.size());
        }
        String id = cells.get(idColumn);
        if (id.isEmpty()) {
            return CtrDecoded.failed("impression", "empty id");
        }
        int label = Labels.NONE;
        if (clickColumn >= 0) {
            String click = cells.get(clickColumn);
            if (click.equals("1")) {
                label = 1;
            } else if (click.equals("0")) {
                label = 0;
            } else {
                return CtrDecoded.failed("impression", "click must be 0 or 1, got '" + Split.excerpt(click) + "'");
            }
        }
        LocalDateTime hour;
        try {
            hour = parseHour(cells.get(hourColumn));
        } catch (IllegalArgumentException | DateTimeException e) {
            return CtrDecoded.failed("impression", "hour must be YYMMDDHH, got '"
                    + Split.excerpt(cells.get(hourColumn)) + "'");
        }
        buffer.clear();
        for (int c = 0; c < cells.size(); c++) {
            if (c != idColumn && c != clickColumn && c != hourColumn) {
                buffer.categorical(header.get(c), cells.get(c));
            }
        }
        buffer.categorical("hour_of_day", Integer.toString(hour.getHour()));
        buffer.categorical("weekday", Integer.toString(hour.getDayOfWeek().getValue()));
        long time = hour.toInstant(ZoneOffset.UTC).toEpochMilli();
        return CtrDecoded.of(buffer.build(id, time, record.seq(), label));
    }

    static LocalDateTime parseHour(String yymmddhh) {
        if (yymmddhh.length() != 8 || !yymmddhh.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(yymmddhh);
        }
        int yy = Integer.parseInt(yymmddhh.substring(0, 2));
        int mm = Integer.parseInt(yymmddhh.substring(2, 4));
        int dd = Integer.parseInt(yymmddhh.substring(4, 6));
        int hh = Integer.parseInt(yymmddhh.substring(6, 8));
        return LocalDateTime.of(2000 + yy, mm, dd, hh, 0);
    }
}

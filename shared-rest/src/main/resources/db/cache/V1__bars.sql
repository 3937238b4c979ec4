-- Issue 5, cache layers: bars as the durable layer. ${schema} is the configured schema (mde.cache.pg-schema).
-- Bars partitioned by UTC month on their open time; a month's partition is created when its first bars
-- are written (bars_pYYYYMM). The primary key is the read path: one symbol and interval over a time range.
CREATE TABLE IF NOT EXISTS ${schema}.bars (
    symbol        text             NOT NULL,
    bar_interval  text             NOT NULL,
    t             timestamptz      NOT NULL,
    o             double precision NOT NULL,
    h             double precision NOT NULL,
    l             double precision NOT NULL,
    c             double precision NOT NULL,
    v             bigint           NOT NULL,
    n             bigint,
    vw            double precision,
    PRIMARY KEY (symbol, bar_interval, t)
) PARTITION BY RANGE (t);

-- Which months of a symbol are held (a month with no bars is a real answer), who gave them and until when
-- they may be served (NULL: until invalidated).
CREATE TABLE IF NOT EXISTS ${schema}.bar_chunks (
    symbol        text        NOT NULL,
    bar_interval  text        NOT NULL,
    month         date        NOT NULL,
    provider      text        NOT NULL,
    as_of         timestamptz NOT NULL,
    complete      boolean     NOT NULL,
    bar_count     integer     NOT NULL,
    expires_at    timestamptz,
    PRIMARY KEY (symbol, bar_interval, month)
);

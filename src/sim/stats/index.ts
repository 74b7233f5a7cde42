/** The simulation's statistics: histograms, time-binned series and named counters. */
export { Histogram, type HistogramSnapshot } from './Histogram';
export { TimeSeries, type TimeSeriesBins, type TimeSeriesSnapshot } from './TimeSeries';
export { Counters, type CountersSnapshot } from './Counters';

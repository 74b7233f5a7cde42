/** The simulation's statistics: histograms (models keep their own counters as plain records). */
export { Histogram, type HistogramSnapshot } from './Histogram';

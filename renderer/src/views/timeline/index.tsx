import { useMemo } from 'react';
import { api } from '../../api/client';
import { useBundle } from '../../app/bundle-context';
import { href, type Route } from '../../app/router';
import { useAsync } from '../../app/use-async';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { dataExtent } from './model/lanes';
import { Timeline } from './Timeline';
import './timeline.css';

/** The Timeline view: every source of the bundle on one UTC time axis, with charts and the rows of the window. */
export default function TimelineView({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref } = useBundle();
  // Keyed by bundle: nothing of another bundle (its sources, its window) may leak into this one while it loads.
  return <TimelineLoader key={ref} route={route} />;
}

function TimelineLoader({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref, overview } = useBundle();
  const sources = useAsync(() => api.timelineSources(ref), [ref]);
  const series = useAsync(() => api.listSeries(ref), [ref]);
  const extent = useMemo(() => (sources.data ? dataExtent(sources.data) : null), [sources.data]);

  if (sources.error && !sources.data) {
    return (
      <div className="view">
        <h1>Timeline</h1>
        <ErrorState error={sources.error} onRetry={sources.reload} />
      </div>
    );
  }
  if (!sources.data || (series.loading && !series.data && !series.error)) return <Loading label="Loading the timeline…" />;
  if (!extent) {
    return (
      <div className="view">
        <h1>Timeline</h1>
        <EmptyState title="Nothing in this bundle has a time">
          <p>
            None of its files carry timestamps Rootline could read, so there is nothing to place on a timeline. The <a href={href(ref, 'overview')}>Overview</a> lists each file
            with its kind and why it was or was not read; the <a href={href(ref, 'search')}>Search</a> still finds text in every file.
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <Timeline
      bundle={ref}
      route={route}
      overview={overview}
      sources={sources.data}
      seriesInfos={series.data ?? []}
      seriesError={series.error ? `the chart series could not be listed (${series.error.message})` : null}
      extent={extent}
    />
  );
}

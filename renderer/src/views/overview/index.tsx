import type { Route } from '../../app/router';

export default function View(_: { route: Extract<Route, { name: 'bundle' }> }) {
  return <div className="view">This view is being built.</div>;
}

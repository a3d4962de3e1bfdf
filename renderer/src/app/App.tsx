import { lazy, Suspense, Component, type ReactNode } from 'react';
import { ErrorState, Loading } from '../components/States';
import { HomeView } from '../views/home/HomeView';
import { OpenView } from '../views/home/OpenView';
import { BundleProvider, useBundle } from './bundle-context';
import { Layout } from './Layout';
import { useRoute, type Route, type ViewName } from './router';
import { useTheme } from './theme';

const VIEWS: Record<ViewName, React.LazyExoticComponent<(p: { route: Extract<Route, { name: 'bundle' }> }) => ReactNode>> = {
  overview: lazy(() => import('../views/overview')),
  guide: lazy(() => import('../views/guide')),
  timeline: lazy(() => import('../views/timeline')),
  file: lazy(() => import('../views/file')),
  search: lazy(() => import('../views/search')),
  sql: lazy(() => import('../views/sql')),
  annotations: lazy(() => import('../views/annotations')),
  report: lazy(() => import('../views/report')),
};

/** A view that throws shows its error instead of blanking the window. */
class Boundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(p: { resetKey: string }, s: { error: Error | null; key: string }) {
    return p.resetKey !== s.key ? { error: null, key: p.resetKey } : null;
  }
  override render() {
    return this.state.error ? <ErrorState error={this.state.error} onRetry={() => this.setState({ error: null })} /> : this.props.children;
  }
}

function BundleTitle() {
  return <>{useBundle().overview.bundle.name}</>;
}

export function App() {
  const route = useRoute();
  const [theme, toggleTheme] = useTheme();
  if (route.name === 'bundle') {
    const View = VIEWS[route.view];
    return (
      <BundleProvider bundle={route.ref}>
        <Layout route={route} theme={theme} onToggleTheme={toggleTheme} title={<BundleTitle />}>
          <Boundary resetKey={`${route.view}/${route.id ?? ''}`}>
            <Suspense fallback={<Loading />}>
              <View route={route} />
            </Suspense>
          </Boundary>
        </Layout>
      </BundleProvider>
    );
  }
  return (
    <Layout route={route} theme={theme} onToggleTheme={toggleTheme} title={null}>
      <Boundary resetKey={route.name}>{route.name === 'open' ? <OpenView jobId={route.jobId} /> : <HomeView />}</Boundary>
    </Layout>
  );
}

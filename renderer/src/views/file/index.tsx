import { useState } from 'react';
import type { Route } from '../../app/router';
import { useBundle } from '../../app/bundle-context';
import { EmptyState } from '../../components/States';
import { FileList } from './FileList';
import { FileViewer } from './FileViewer';
import { parseLine } from './windowing';
import './file.css';

const LIST_KEY = 'rootline.file.list';

/** `#/b/<ref>/file/<fileId>?line=N&end=M`: the file list and the file, at the line. */
export default function FileView({ route }: { route: Extract<Route, { name: 'bundle' }> }) {
  const { ref, overview } = useBundle();
  const [listOpen, setListOpen] = useState(() => localStorage.getItem(LIST_KEY) !== 'closed');
  const fileId = route.id !== null && /^\d+$/.test(route.id) ? Number(route.id) : null;
  const file = fileId === null ? null : overview.files.find((f) => f.id === fileId) ?? null;
  const toggle = () => {
    setListOpen((o) => {
      localStorage.setItem(LIST_KEY, o ? 'closed' : 'open');
      return !o;
    });
  };
  return (
    <div className={`file-view${listOpen ? '' : ' list-closed'}`} data-testid="file-view">
      <div className="file-list-pane">
        <button type="button" className="list-toggle" onClick={toggle} aria-expanded={listOpen} aria-controls="file-list-region" title={listOpen ? 'Hide the file list' : 'Show the file list'}>
          {listOpen ? '« Files' : '»'}
          <span className="sr-only">{listOpen ? ' (hide the list)' : 'Show the file list'}</span>
        </button>
        <div id="file-list-region" hidden={!listOpen}>
          <FileList bundle={ref} files={overview.files} current={fileId} />
        </div>
      </div>
      <section className="file-main" aria-label="File">
        {file ? (
          <FileViewer key={file.id} file={file} line={parseLine(route.params.get('line'))} end={parseLine(route.params.get('end'))} />
        ) : (
          <EmptyState title={route.id === null ? 'Pick a file to read' : `There is no file ${route.id} in this bundle`}>
            <p>
              Choose a file from the list, or follow a <code>file:line</code> link from the overview, the guide, the timeline or a search result to land
              on that line.
            </p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

// The one script a report carries: click a column header of a `table.sortable` to sort by it, again to reverse.
// A cell's `data-sort` (the raw number) decides over its text; empty cells stay last in either direction.
export const SORT_SCRIPT = `
(() => {
  const keyOf = (row, index) => {
    const cell = row.cells[index];
    return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : '';
  };
  const compare = (a, b) => {
    const [x, y] = [Number(a), Number(b)];
    return Number.isFinite(x) && Number.isFinite(y) ? x - y : a.localeCompare(b, undefined, { numeric: true });
  };
  const sortBy = (table, th) => {
    const ascending = th.getAttribute('aria-sort') !== 'ascending';
    for (const other of th.parentElement.cells) other.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const index = th.cellIndex;
    const body = table.tBodies[0];
    const rows = [...body.rows].sort((r1, r2) => {
      const [a, b] = [keyOf(r1, index), keyOf(r2, index)];
      if (a === '' || b === '') return (a === '') - (b === '');
      return ascending ? compare(a, b) : compare(b, a);
    });
    body.append(...rows);
  };
  for (const table of document.querySelectorAll('table.sortable')) {
    for (const th of table.tHead.rows[0].cells) {
      th.querySelector('button')?.addEventListener('click', () => sortBy(table, th));
    }
  }
})();
`;

// The incident page's live timeline: every 5 seconds, while the tab is visible, the bare timeline
// page is fetched (rendered and escaped by the server) and its timeline put in place.
(() => {
  const box = document.querySelector('[data-refresh]');
  if (!box) {
    return;
  }
  const url = box.getAttribute('data-refresh');
  const refresh = async () => {
    if (document.hidden) {
      return;
    }
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!response.ok) {
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.querySelector('.incident-timeline');
      if (fresh) {
        box.replaceChildren(document.importNode(fresh, true));
      }
    } catch {
      // Offline for a moment: keep the timeline shown and try again next time.
    }
  };
  setInterval(refresh, 5000);
})();

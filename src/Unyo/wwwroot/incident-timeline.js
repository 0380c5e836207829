// The incident page's live timeline: every 5 seconds, while the tab is visible, the timeline is
// fetched again as an HTML fragment (rendered and escaped by the server) and put in place.
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
      if (response.ok) {
        box.innerHTML = await response.text();
      }
    } catch {
      // Offline for a moment: keep the timeline shown and try again next time.
    }
  };
  setInterval(refresh, 5000);
})();

// Sets the page's colour scheme before anything is painted, so that a dark page never flashes white
// while the app loads: Mantine's ColorSchemeScript, as a file because the server's CSP refuses inline
// scripts. It reads what Mantine's colour scheme manager stores (the key is main.tsx's
// COLOR_SCHEME_KEY): "light" or "dark" as chosen in the account menu, else the system's.
(function () {
  var scheme = 'light';
  try {
    var chosen = window.localStorage.getItem('countersign-color-scheme');
    if (chosen === 'light' || chosen === 'dark') scheme = chosen;
    else if (window.matchMedia('(prefers-color-scheme: dark)').matches) scheme = 'dark';
  } catch (error) {
    // No storage (a locked-down browser): light, until the app has started.
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();

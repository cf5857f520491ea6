#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU; its headers then pull in the system ICU whose
   UErrorCode clashes with Foundation's bundled ICU on a clean build. We never use
   the ICU fields, so hide them (spike.md, pitfall 1). */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

/* Swift 6 rejects the xmlFree global as not concurrency-safe: wrap it. */
static inline void solpack_xml_free(void *p) { xmlFree(p); }

/*
 * mosquitto_http_auth: a Mosquitto 2.0 plugin (plugin interface version 5) that asks an HTTP
 * service who may connect and who may publish or subscribe where (lab 18).
 *
 * WHY a plugin: Mosquitto's own password_file and acl_file are read when the broker starts
 * (or on SIGHUP). A team whose users live in an identity service wants the broker to ask that
 * service instead. The broker calls this plugin at two moments:
 *   MOSQ_EVT_BASIC_AUTH  a CONNECT with a username: may it log in with this password?
 *   MOSQ_EVT_ACL_CHECK   a PUBLISH (write), a SUBSCRIBE (subscribe), a delivery (read)
 *
 * The HTTP contract is the one of mosquitto-go-auth's HTTP backend (backends/http.go, with its
 * defaults http_method POST, http_params_mode json, http_response_mode status), so the same
 * service works behind either plugin:
 *   POST user_url       {"username":..,"password":..,"clientid":..}
 *   POST superuser_url  {"username":..}
 *   POST acl_url        {"username":..,"clientid":..,"topic":..,"acc":1|2|4}
 *                       (acc 1 read, 2 write, 4 subscribe)
 *   Any 2xx status allows; any other status, no answer in time, or any transport error denies.
 *
 * Options (mosquitto.conf, after the `plugin` line):
 *   plugin_opt_user_url            required: the password check
 *   plugin_opt_superuser_url       optional: a superuser may do everything, no ACL call
 *   plugin_opt_acl_url             optional, but WITHOUT it this plugin checks no publish or
 *                                  subscribe at all, and Mosquitto then allows them all
 *   plugin_opt_timeout_ms          the most one question may take (default 1000)
 *   plugin_opt_max_response_bytes  a bigger answer is a broken service: denied (default 4096)
 *
 * Design decisions, each a lesson of the lab:
 *   - Fail closed: when the service is down, answers 5xx, answers garbage or too late, the
 *     answer is "no". Never "yes because we could not ask".
 *   - Bounded: Mosquitto runs plugin callbacks on its one network thread, so while this plugin
 *     waits for the service EVERY client of the broker waits. timeout_ms bounds that freeze;
 *     it covers resolving, connecting, sending and receiving (CURLOPT_TIMEOUT_MS), and a check
 *     whose superuser question got no answer asks nothing more: one timeout per check at most.
 *   - No cache: every question goes to the service, so a user or rule removed there takes
 *     effect at once; the price is one round trip per check and no service, no access.
 *   - Input is data: usernames, passwords and topics are put into JSON by cJSON, which escapes
 *     quotes, backslashes and control characters; nothing is pasted into a string by hand.
 *
 * Build (brokers/image/Dockerfile does it):
 *   gcc -fPIC -shared mosquitto_http_auth.c -o mosquitto_http_auth.so -lcurl -lcjson
 * The mosquitto_* functions are not linked here: the broker that loads the plugin provides them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include <mosquitto.h>
#include <mosquitto_broker.h>
#include <mosquitto_plugin.h>

#define PLUGIN_NAME "http-auth"
#define DEFAULT_TIMEOUT_MS 1000L
#define DEFAULT_MAX_RESPONSE_BYTES 4096L

struct http_auth {
	mosquitto_plugin_id_t *id;
	char *user_url;
	char *superuser_url;
	char *acl_url;
	long timeout_ms;
	long max_response_bytes;
	/* One handle, reused: it keeps the connection to the service open between questions
	 * (HTTP keep-alive). Mosquitto calls plugins from one thread only, so no lock is needed. */
	CURL *curl;
};

/* What the service said, or why it said nothing. */
enum answer { ALLOWED, DENIED, FAILED };

/* Counts the bytes of the answer's body (the status decides, the body is not used) and stops
 * the transfer when there are too many: a service that streams megabytes is broken. */
struct body_limit {
	size_t received;
	size_t max;
};

static size_t count_body(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct body_limit *limit = userdata;
	size_t bytes = size * nmemb;

	(void)data;
	limit->received += bytes;
	if(limit->received > limit->max){
		return 0; /* anything but `bytes` makes libcurl abort with CURLE_WRITE_ERROR */
	}
	return bytes;
}

static double ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1000.0 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* POSTs `request` as JSON to `url` and says what the answer means. `what` names the question
 * in the broker's log ("user check for \"alice\""). */
static enum answer ask(struct http_auth *auth, const char *url, cJSON *request, const char *what)
{
	struct curl_slist *headers = NULL;
	struct body_limit limit = { 0, (size_t)auth->max_response_bytes };
	struct timespec start;
	char *body;
	long status = 0;
	CURLcode rc;
	enum answer answer;

	body = cJSON_PrintUnformatted(request);
	if(body == NULL){
		mosquitto_log_printf(MOSQ_LOG_ERR, PLUGIN_NAME ": %s: out of memory, denied", what);
		return FAILED;
	}
	headers = curl_slist_append(headers, "Content-Type: application/json");

	curl_easy_setopt(auth->curl, CURLOPT_URL, url);
	curl_easy_setopt(auth->curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(auth->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(auth->curl, CURLOPT_WRITEFUNCTION, count_body);
	curl_easy_setopt(auth->curl, CURLOPT_WRITEDATA, &limit);
	/* The bound on the whole question: connecting, sending, waiting, reading. */
	curl_easy_setopt(auth->curl, CURLOPT_TIMEOUT_MS, auth->timeout_ms);
	curl_easy_setopt(auth->curl, CURLOPT_CONNECTTIMEOUT_MS, auth->timeout_ms);
	/* No signals: libcurl must not use SIGALRM for its timeouts inside the broker's process. */
	curl_easy_setopt(auth->curl, CURLOPT_NOSIGNAL, 1L);
	/* Only http and https: a URL option must not make the broker read file:// or others. */
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(auth->curl, CURLOPT_PROTOCOLS_STR, "http,https");
#else
	curl_easy_setopt(auth->curl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif

	clock_gettime(CLOCK_MONOTONIC, &start);
	rc = curl_easy_perform(auth->curl);
	if(rc == CURLE_OK){
		curl_easy_getinfo(auth->curl, CURLINFO_RESPONSE_CODE, &status);
		answer = (status >= 200 && status < 300) ? ALLOWED : DENIED;
		mosquitto_log_printf(MOSQ_LOG_INFO, PLUGIN_NAME ": %s: HTTP %ld in %.1f ms: %s",
				what, status, ms_since(&start), answer == ALLOWED ? "allowed" : "denied");
	}else{
		answer = FAILED;
		mosquitto_log_printf(MOSQ_LOG_WARNING, PLUGIN_NAME ": %s: no answer from %s after %.1f ms (%s): denied",
				what, url, ms_since(&start),
				rc == CURLE_WRITE_ERROR ? "answer longer than max_response_bytes" : curl_easy_strerror(rc));
	}

	/* The handle keeps its connection, not our request: clear what pointed into this call. */
	curl_easy_setopt(auth->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(auth->curl, CURLOPT_POSTFIELDS, NULL);
	curl_slist_free_all(headers);
	cJSON_free(body);
	return answer;
}

/* A string member, "" for a missing value: the service gets the same shape every time. */
static void add_text(cJSON *object, const char *name, const char *value)
{
	cJSON_AddStringToObject(object, name, value ? value : "");
}

static int on_basic_auth(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_basic_auth *ed = event_data;
	struct http_auth *auth = userdata;
	cJSON *request;
	char what[160];
	enum answer answer;

	(void)event;
	/* No username: not ours to judge. The broker's allow_anonymous decides (false: refused). */
	if(ed->username == NULL){
		return MOSQ_ERR_PLUGIN_DEFER;
	}
	request = cJSON_CreateObject();
	if(request == NULL) return MOSQ_ERR_AUTH;
	add_text(request, "username", ed->username);
	add_text(request, "password", ed->password);
	add_text(request, "clientid", mosquitto_client_id(ed->client));
	/* %.60s: a huge username must not make a huge log line. */
	snprintf(what, sizeof(what), "user check for \"%.60s\"", ed->username);
	answer = ask(auth, auth->user_url, request, what);
	cJSON_Delete(request);
	/* MOSQ_ERR_AUTH makes Mosquitto refuse the CONNECT with "not authorized". */
	return answer == ALLOWED ? MOSQ_ERR_SUCCESS : MOSQ_ERR_AUTH;
}

/* ALLOWED: a superuser; DENIED: not one (or no superuser_url); FAILED: the service gave no answer. */
static enum answer ask_superuser(struct http_auth *auth, const char *username)
{
	cJSON *request;
	char what[160];
	enum answer answer;

	if(auth->superuser_url == NULL) return DENIED;
	request = cJSON_CreateObject();
	if(request == NULL) return FAILED;
	add_text(request, "username", username);
	snprintf(what, sizeof(what), "superuser check for \"%.60s\"", username ? username : "");
	answer = ask(auth, auth->superuser_url, request, what);
	cJSON_Delete(request);
	return answer;
}

static int on_acl_check(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_acl_check *ed = event_data;
	struct http_auth *auth = userdata;
	const char *username = mosquitto_client_username(ed->client);
	cJSON *request;
	char what[200];
	enum answer answer;

	(void)event;
	/* Leaving a subscription grants nothing: Mosquitto 2.0 asks, we allow (as it does for
	 * older plugins). The contract knows only read, write and subscribe. */
	if(ed->access != MOSQ_ACL_READ && ed->access != MOSQ_ACL_WRITE && ed->access != MOSQ_ACL_SUBSCRIBE){
		return MOSQ_ERR_SUCCESS;
	}
	switch(ask_superuser(auth, username)){
		case ALLOWED:
			return MOSQ_ERR_SUCCESS;
		case FAILED:
			/* The service did not answer the first question: do not wait a second timeout for
			 * the ACL question. One check never freezes the broker longer than timeout_ms. */
			return MOSQ_ERR_ACL_DENIED;
		case DENIED:
			break;
	}
	request = cJSON_CreateObject();
	if(request == NULL) return MOSQ_ERR_ACL_DENIED;
	add_text(request, "username", username);
	add_text(request, "clientid", mosquitto_client_id(ed->client));
	add_text(request, "topic", ed->topic);
	cJSON_AddNumberToObject(request, "acc", ed->access);
	snprintf(what, sizeof(what), "acl check (acc %d) for \"%.60s\" on \"%.80s\"",
			ed->access, username ? username : "", ed->topic);
	answer = ask(auth, auth->acl_url, request, what);
	cJSON_Delete(request);
	return answer == ALLOWED ? MOSQ_ERR_SUCCESS : MOSQ_ERR_ACL_DENIED;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	int i;

	for(i = 0; i < supported_version_count; i++){
		if(supported_versions[i] == 5) return 5;
	}
	return -1;
}

static void free_auth(struct http_auth *auth)
{
	if(auth == NULL) return;
	if(auth->curl) curl_easy_cleanup(auth->curl);
	free(auth->user_url);
	free(auth->superuser_url);
	free(auth->acl_url);
	free(auth);
}

/* A whole number in [minimum, maximum], or -1. */
static long number_option(const char *value, long minimum, long maximum)
{
	char *end;
	long number = strtol(value, &end, 10);

	if(*value == '\0' || *end != '\0' || number < minimum || number > maximum) return -1;
	return number;
}

/* Reads the plugin_opt_* lines. A mistake stops the broker at start with a line that says
 * which option is wrong, instead of a broker that runs and refuses everyone. */
static int read_options(struct http_auth *auth, struct mosquitto_opt *opts, int opt_count)
{
	int i;

	for(i = 0; i < opt_count; i++){
		const char *key = opts[i].key, *value = opts[i].value;
		char **url = NULL;

		if(!strcmp(key, "user_url")) url = &auth->user_url;
		else if(!strcmp(key, "superuser_url")) url = &auth->superuser_url;
		else if(!strcmp(key, "acl_url")) url = &auth->acl_url;
		else if(!strcmp(key, "timeout_ms")){
			auth->timeout_ms = number_option(value, 1, 60000);
			if(auth->timeout_ms < 0){
				mosquitto_log_printf(MOSQ_LOG_ERR, PLUGIN_NAME ": plugin_opt_timeout_ms must be 1 to 60000 milliseconds, not \"%s\"", value);
				return MOSQ_ERR_INVAL;
			}
			continue;
		}else if(!strcmp(key, "max_response_bytes")){
			auth->max_response_bytes = number_option(value, 0, 1048576);
			if(auth->max_response_bytes < 0){
				mosquitto_log_printf(MOSQ_LOG_ERR, PLUGIN_NAME ": plugin_opt_max_response_bytes must be 0 to 1048576, not \"%s\"", value);
				return MOSQ_ERR_INVAL;
			}
			continue;
		}else{
			mosquitto_log_printf(MOSQ_LOG_ERR, PLUGIN_NAME ": unknown option plugin_opt_%s (known: user_url, superuser_url, acl_url, timeout_ms, max_response_bytes)", key);
			return MOSQ_ERR_INVAL;
		}
		if(strncmp(value, "http://", 7) && strncmp(value, "https://", 8)){
			mosquitto_log_printf(MOSQ_LOG_ERR, PLUGIN_NAME ": plugin_opt_%s must be an http:// or https:// URL, not \"%s\"", key, value);
			return MOSQ_ERR_INVAL;
		}
		free(*url);
		*url = strdup(value);
		if(*url == NULL) return MOSQ_ERR_NOMEM;
	}
	if(auth->user_url == NULL){
		mosquitto_log_printf(MOSQ_LOG_ERR, PLUGIN_NAME ": plugin_opt_user_url is missing: the plugin cannot check any password");
		return MOSQ_ERR_INVAL;
	}
	return MOSQ_ERR_SUCCESS;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **user_data, struct mosquitto_opt *opts, int opt_count)
{
	struct http_auth *auth;
	int rc;

	auth = calloc(1, sizeof(*auth));
	if(auth == NULL) return MOSQ_ERR_NOMEM;
	auth->id = identifier;
	auth->timeout_ms = DEFAULT_TIMEOUT_MS;
	auth->max_response_bytes = DEFAULT_MAX_RESPONSE_BYTES;

	rc = read_options(auth, opts, opt_count);
	if(rc == MOSQ_ERR_SUCCESS && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) rc = MOSQ_ERR_UNKNOWN;
	if(rc == MOSQ_ERR_SUCCESS && (auth->curl = curl_easy_init()) == NULL) rc = MOSQ_ERR_UNKNOWN;
	if(rc != MOSQ_ERR_SUCCESS){
		free_auth(auth);
		return rc;
	}

	mosquitto_callback_register(identifier, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL, auth);
	if(auth->acl_url){
		mosquitto_callback_register(identifier, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL, auth);
	}else{
		/* Mosquitto allows every publish and subscribe that no plugin checks. */
		mosquitto_log_printf(MOSQ_LOG_WARNING, PLUGIN_NAME ": no plugin_opt_acl_url: publish and subscribe are NOT checked by the service");
	}
	mosquitto_log_printf(MOSQ_LOG_INFO, PLUGIN_NAME ": asking %s (acl: %s, superuser: %s), timeout %ld ms",
			auth->user_url, auth->acl_url ? auth->acl_url : "none", auth->superuser_url ? auth->superuser_url : "none", auth->timeout_ms);
	*user_data = auth;
	return MOSQ_ERR_SUCCESS;
}

int mosquitto_plugin_cleanup(void *user_data, struct mosquitto_opt *opts, int opt_count)
{
	struct http_auth *auth = user_data;

	(void)opts;
	(void)opt_count;
	if(auth == NULL) return MOSQ_ERR_SUCCESS;
	mosquitto_callback_unregister(auth->id, MOSQ_EVT_BASIC_AUTH, on_basic_auth, NULL);
	if(auth->acl_url){
		mosquitto_callback_unregister(auth->id, MOSQ_EVT_ACL_CHECK, on_acl_check, NULL);
	}
	free_auth(auth);
	curl_global_cleanup();
	return MOSQ_ERR_SUCCESS;
}

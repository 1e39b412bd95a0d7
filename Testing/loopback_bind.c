/* LD_PRELOAD library for the client-server tests: ParaView 5.11's pvserver has no option to
 * choose its listening address (vtkServerSocket binds every IPv4 and IPv6 interface), and the
 * tests' servers must listen on loopback only. A bind() to the wildcard address on port
 * $PARAVOXEL_LOOPBACK_PORT is made a bind() to 127.0.0.1 (or ::1); every other bind, such as
 * MPI's own sockets in the same process, is left alone. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int bind(int fd, const struct sockaddr* address, socklen_t length)
{
  static int (*real_bind)(int, const struct sockaddr*, socklen_t);
  if (!real_bind)
  {
    real_bind = (int (*)(int, const struct sockaddr*, socklen_t))dlsym(RTLD_NEXT, "bind");
  }
  const char* port_text = getenv("PARAVOXEL_LOOPBACK_PORT");
  const int port = port_text ? atoi(port_text) : 0;
  if (port > 0 && address && address->sa_family == AF_INET && length >= sizeof(struct sockaddr_in))
  {
    struct sockaddr_in loopback;
    memcpy(&loopback, address, sizeof loopback);
    if (ntohs(loopback.sin_port) == port && loopback.sin_addr.s_addr == htonl(INADDR_ANY))
    {
      loopback.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      return real_bind(fd, (const struct sockaddr*)&loopback, sizeof loopback);
    }
  }
  if (port > 0 && address && address->sa_family == AF_INET6 &&
    length >= sizeof(struct sockaddr_in6))
  {
    struct sockaddr_in6 loopback;
    memcpy(&loopback, address, sizeof loopback);
    if (ntohs(loopback.sin6_port) == port &&
      memcmp(&loopback.sin6_addr, &in6addr_any, sizeof in6addr_any) == 0)
    {
      loopback.sin6_addr = in6addr_loopback;
      return real_bind(fd, (const struct sockaddr*)&loopback, sizeof loopback);
    }
  }
  return real_bind(fd, address, length);
}
